import { z } from 'zod';

/** What an index keeps next to its points (collection metadata): enough to encode and query consistently. */
export const indexMetadataSchema = z.object({
  lexicon: z.object({ averageLength: z.number().positive(), terms: z.array(z.string()) }),
  facets: z
    .object({ categories: z.array(z.string()), departments: z.array(z.string()), options: z.record(z.string(), z.array(z.string())) })
    .optional(),
  /** Change-feed position the index reflects. */
  cursor: z.string().optional(),
  source: z.string().optional(),
  embeddingModel: z.string().optional(),
  /** Version of the indexed content (policies: the document versions). */
  versions: z.record(z.string(), z.string()).optional(),
  /** Hash of each document's indexed content (policies), so an edit without a version bump is still re-indexed. */
  contentHashes: z.record(z.string(), z.string()).optional(),
  indexedAt: z.string(),
});
export type IndexMetadata = z.infer<typeof indexMetadataSchema>;

export function parseIndexMetadata(value: Record<string, unknown> | undefined, collection: string): IndexMetadata | undefined {
  if (!value || !('lexicon' in value)) return undefined;
  const parsed = indexMetadataSchema.safeParse(value);
  if (!parsed.success) throw new Error(`metadata of collection "${collection}" is unreadable (${parsed.error.issues[0]?.message}); rebuild it with pnpm knowledge ingest`);
  return parsed.data;
}
