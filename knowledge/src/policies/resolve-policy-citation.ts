import { PolicyLibrary, type PolicyCitation } from './policy-library.ts';

let shipped: Promise<PolicyLibrary> | undefined;

/**
 * For the action layer: resolves a policy rule's `{ doc, section }` to the chunk id and document version in force
 * (from the policies shipped in knowledge/policies), for the ledger's evidence. Throws NOT_FOUND naming what exists.
 */
export async function resolvePolicyCitation(ref: { doc: string; section: string }, library?: PolicyLibrary): Promise<PolicyCitation> {
  if (library) return library.cite(ref);
  shipped ??= PolicyLibrary.load();
  return (await shipped).cite(ref);
}
