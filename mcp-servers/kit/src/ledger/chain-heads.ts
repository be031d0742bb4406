import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { assertSchemaName } from '../db/migrate.ts';
import type { LedgerVerification } from './verify-ledger.ts';

/**
 * The chain heads of a ledger at one moment, to be kept outside the database (decisions 0102, 0300): a later verify
 * compares the chains with it, so cutting a chain back and rewinding its head row — which the chain alone cannot
 * show — is reported. It needs no signature: its worth is where it is kept.
 */
export const headSnapshot = z.object({
  schema: z.string().describe('the kit schema whose ledger it describes'),
  takenAt: z.string().describe('when the snapshot was taken (ISO 8601)'),
  heads: z.array(z.object({
    chain: z.number().int().positive().describe('chain number'),
    seq: z.number().int().positive().describe('entries the chain had'),
    hash: z.string().regex(/^[0-9a-f]{64}$/).describe('hash of its last entry'),
  })).describe('every chain that had entries'),
});
export type HeadSnapshot = z.infer<typeof headSnapshot>;

/**
 * The heads of every chain with entries as `verification` walked and verified them (reading `ledger_head` afterwards
 * could anchor entries appended since, which no one verified). Throws when the verification did not pass.
 */
export function verifiedHeads(schema: string, verification: LedgerVerification, now = new Date()): HeadSnapshot {
  assertSchemaName(schema);
  if (!verification.ok) throw new Error(`the ledger of schema ${schema} did not verify: only a verified ledger's heads are worth anchoring`);
  const heads = verification.chains.flatMap((c) => (c.verifiedHead ? [{ chain: c.chain, ...c.verifiedHead }] : []));
  return { schema, takenAt: now.toISOString(), heads };
}

/** A snapshot read back from `source` (a file name, for the error); throws saying what is wrong with it. */
export function parseHeadSnapshot(text: string, source: string): HeadSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${source} is not a ledger heads snapshot: not JSON (${(cause as Error).message})`);
  }
  const parsed = headSnapshot.safeParse(json);
  if (!parsed.success) throw new Error(`${source} is not a ledger heads snapshot (as \`pnpm ledger heads\` prints): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Each way the ledger departs from `snapshot`, one message each: a chain that no longer reaches the snapshot's head,
 * or holds another entry there. Meaningful after `verifyLedger` passed (the entries found are then authentic).
 */
export async function compareHeads(q: Queryable, schema: string, snapshot: HeadSnapshot): Promise<string[]> {
  assertSchemaName(schema);
  const problems: string[] = [];
  for (const head of snapshot.heads) {
    const [row] = await q.query<{ hash: string | null; entries: number | string | null }>(
      `SELECT (SELECT hash FROM ${schema}.ledger WHERE chain = $1 AND seq = $2) AS hash, (SELECT max(seq) FROM ${schema}.ledger WHERE chain = $1) AS entries`,
      [head.chain, head.seq],
    );
    const entries = Number(row?.entries ?? 0);
    if (!row?.hash) problems.push(`chain ${head.chain} had ${head.seq} entries at ${snapshot.takenAt} and now has ${entries}: entries were removed from its end`);
    else if (row.hash !== head.hash) problems.push(`chain ${head.chain} entry ${head.seq} is not the one it was at ${snapshot.takenAt}: the chain was rewritten`);
  }
  return problems;
}
