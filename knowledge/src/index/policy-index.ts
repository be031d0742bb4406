import { createHash } from 'node:crypto';
import { failedPrecondition } from '@agentic-commerce/kit/errors';
import type { EmbeddingProvider } from '../embeddings/embedding-provider.ts';
import type { PolicyChunk, PolicyDocument, PolicyLibrary } from '../policies/policy-library.ts';
import { Lexicon } from '../sparse/lexicon.ts';
import { SparseEncoder, type TextField } from '../sparse/sparse-encoder.ts';
import type { CollectionSpec, SparseVector, VectorStore } from '../store/vector-store.ts';
import { undefinedIfMissing } from '../store/missing-collection.ts';
import { assertDenseSize, embeddingMismatch, parseIndexMetadata, type IndexMetadata } from './index-metadata.ts';

export const POLICIES_COLLECTION = 'policies';

export interface PolicyHit {
  chunk_id: string;
  doc: string;
  section: string;
  title: string;
  version: string;
  effective: string;
  text: string;
  score: number;
  citation: { id: string; version: string };
}

const fields = (chunk: PolicyChunk): TextField[] => [
  { text: chunk.heading, weight: 3 },
  { text: chunk.docTitle, weight: 2 },
  { text: chunk.text, weight: 1 },
];

/** Hash of everything of a document that is indexed and served (title, version, dates, headings, texts). */
export function policyContentHash(document: PolicyDocument): string {
  const content = { title: document.title, version: document.version, effective: document.effective, chunks: document.chunks.map((c) => [c.id, c.heading, c.text]) };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

const spec = (denseSize?: number): CollectionSpec => ({ name: POLICIES_COLLECTION, denseSize, indexes: [{ key: 'doc', type: 'keyword' }] });

/** The policy index: one point per section chunk, rebuilt when a document version changes. */
export class PolicyIndex {
  private constructor(
    private readonly store: VectorStore,
    private readonly embeddings: EmbeddingProvider | undefined,
    private metadata: IndexMetadata | undefined,
    private encoder: SparseEncoder,
  ) {}

  static async open(store: VectorStore, embeddings?: EmbeddingProvider): Promise<PolicyIndex> {
    const metadata = parseIndexMetadata(await store.readMetadata(POLICIES_COLLECTION).catch(undefinedIfMissing), POLICIES_COLLECTION);
    return new PolicyIndex(store, embeddings, metadata, new SparseEncoder(metadata ? Lexicon.from(metadata.lexicon) : new Lexicon(1)));
  }

  /**
   * Whether the index holds exactly these documents (same versions and same content: an edit without a version bump
   * counts) embedded with the configured model (or, like the configuration, without embeddings).
   */
  isCurrent(library: PolicyLibrary): boolean {
    const versions = this.metadata?.versions;
    const hashes = this.metadata?.contentHashes;
    return (
      versions !== undefined &&
      embeddingMismatch(this.metadata, this.embeddings?.model, 'policy') === undefined &&
      hashes !== undefined &&
      library.documents.every((d) => versions[d.id] === d.version && hashes[d.id] === policyContentHash(d)) &&
      Object.keys(versions).length === library.documents.length
    );
  }

  async rebuild(library: PolicyLibrary): Promise<number> {
    const chunks = library.chunks;
    const fitted = SparseEncoder.fitted(chunks.map(fields));
    this.encoder = fitted.encoder;
    const dense = this.embeddings ? await this.embeddings.embed(chunks.map((c) => `${c.docTitle}: ${c.heading}. ${c.text}`)) : undefined;
    await this.store.dropCollection(POLICIES_COLLECTION).catch(undefinedIfMissing);
    await this.store.ensureCollection(spec(dense?.[0]?.length));
    await this.store.upsert(
      POLICIES_COLLECTION,
      chunks.map((chunk, i) => ({
        id: chunk.id,
        sparse: fitted.vectors[i] as SparseVector,
        dense: dense?.[i],
        payload: { doc: chunk.doc, section: chunk.section, title: `${chunk.docTitle}: ${chunk.heading}`, version: chunk.version, effective: chunk.effective, text: chunk.text },
      })),
    );
    this.metadata = {
      lexicon: this.encoder.lexicon.toJSON(),
      versions: Object.fromEntries(library.documents.map((d) => [d.id, d.version])),
      contentHashes: Object.fromEntries(library.documents.map((d) => [d.id, policyContentHash(d)])),
      embeddingModel: this.embeddings?.model,
      denseSize: dense?.[0]?.length,
      indexedAt: new Date().toISOString(),
    };
    await this.store.writeMetadata(POLICIES_COLLECTION, this.metadata as unknown as Record<string, unknown>);
    await this.store.flush();
    return chunks.length;
  }

  async search(query: string, options: { doc?: string; limit?: number } = {}): Promise<PolicyHit[]> {
    if (!this.metadata) throw failedPrecondition('the policy index is empty: run `pnpm knowledge ingest` first');
    const mismatch = embeddingMismatch(this.metadata, this.embeddings?.model, 'policy');
    if (mismatch) throw failedPrecondition(mismatch);
    const sparse = this.encoder.query(query);
    const dense = this.embeddings ? (await this.embeddings.embed([query]))[0] : undefined;
    assertDenseSize(dense, this.metadata, 'policy');
    if (!sparse && !dense) return [];
    const filter = options.doc ? { must: [{ key: 'doc', match: options.doc }] } : undefined;
    const results = await this.store.search(POLICIES_COLLECTION, { sparse, dense, filter, limit: options.limit ?? 5 });
    return results.map(({ id, payload, score }) => ({
      chunk_id: id,
      doc: String(payload.doc),
      section: String(payload.section),
      title: String(payload.title),
      version: String(payload.version),
      effective: String(payload.effective),
      text: String(payload.text),
      score,
      citation: { id, version: String(payload.version) },
    }));
  }
}
