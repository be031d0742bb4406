import type { CatalogSource } from './catalog/catalog-types.ts';
import type { EmbeddingProvider } from './embeddings/embedding-provider.ts';
import { PolicyIndex } from './index/policy-index.ts';
import { ProductIndex } from './index/product-index.ts';
import { PolicyLibrary } from './policies/policy-library.ts';
import type { VectorStore } from './store/vector-store.ts';

export interface KnowledgeBaseOptions {
  store: VectorStore;
  embeddings?: EmbeddingProvider | undefined;
  /** Defaults to the policies shipped in knowledge/policies. */
  library?: PolicyLibrary | undefined;
}

/**
 * Everything the knowledge server answers from: the product index, the policy index and the policy documents.
 * This is the backend of the knowledge MCP tools.
 */
export class KnowledgeBase {
  private constructor(
    readonly store: VectorStore,
    readonly products: ProductIndex,
    readonly policies: PolicyIndex,
    readonly library: PolicyLibrary,
  ) {}

  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const library = options.library ?? (await PolicyLibrary.load());
    const [products, policies] = await Promise.all([ProductIndex.open(options.store, options.embeddings), PolicyIndex.open(options.store, options.embeddings)]);
    return new KnowledgeBase(options.store, products, policies, library);
  }

  /** Full ingest of the catalog from `source` and of the policies (when their versions changed). */
  async ingest(source: CatalogSource, onProgress?: (done: number, total: number) => void): Promise<{ variants: number; policyChunks: number }> {
    const snapshot = await source.snapshot();
    const variants = await this.products.rebuild(snapshot.products, { cursor: snapshot.cursor, source: source.name, onProgress });
    const policyChunks = await this.ensurePolicies();
    return { variants, policyChunks };
  }

  /** Indexes the policy documents unless the index already holds these versions; returns chunks written. */
  async ensurePolicies(): Promise<number> {
    return this.policies.isCurrent(this.library) ? 0 : this.policies.rebuild(this.library);
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
