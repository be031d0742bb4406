import { z } from 'zod';
import { failedPrecondition } from '@agentic-commerce/kit/errors';

/** What an index keeps next to its points (collection metadata): enough to encode and query consistently. */
export const indexMetadataSchema = z.object({
  lexicon: z.object({ averageLength: z.number().positive(), terms: z.array(z.string()) }),
  facets: z
    .object({ categories: z.array(z.string()), departments: z.array(z.string()), options: z.record(z.string(), z.array(z.string())) })
    .optional(),
  /** Change-feed position the index reflects. */
  cursor: z.string().optional(),
  source: z.string().optional(),
  /** Embeddings model the dense vectors were made with (absent: no dense vectors) and their size. */
  embeddingModel: z.string().optional(),
  denseSize: z.number().int().positive().optional(),
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

/**
 * Why an index cannot serve with the configured embeddings (undefined: it can). An index built without embeddings has
 * no dense vectors to search, one built with another model has vectors a query embedding cannot be compared with.
 */
export function embeddingMismatch(metadata: IndexMetadata | undefined, configuredModel: string | undefined, collection: string): string | undefined {
  if (!metadata || metadata.embeddingModel === configuredModel) return undefined;
  const built = metadata.embeddingModel ? `embeddings model "${metadata.embeddingModel}"` : 'no embeddings';
  const now = configuredModel ? `embeddings model "${configuredModel}"` : 'no embeddings';
  const source = metadata.source;
  const rebuild = source
    ? `rebuild it from the catalog it was built from ("${source}"), e.g. \`pnpm knowledge ingest --source ${source}\`${source === 'synthetic' ? ' with the same --variants and --seed' : ''}`
    : 'run `pnpm knowledge ingest` to rebuild it';
  return `the ${collection} index was built with ${built} but ${now} is configured: ${rebuild}`;
}

/** Refuses a query embedding whose size differs from the indexed dense vectors (same model name, other dimensions). */
export function assertDenseSize(dense: readonly number[] | undefined, metadata: IndexMetadata | undefined, collection: string): void {
  const expected = metadata?.denseSize;
  if (dense && expected !== undefined && dense.length !== expected) {
    throw failedPrecondition(`the ${collection} index holds ${expected}-dimensional embeddings but the configured model returns ${dense.length}: run \`pnpm knowledge ingest\` to rebuild it`);
  }
}
