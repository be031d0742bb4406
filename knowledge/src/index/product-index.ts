import { failedPrecondition, notFound } from '@agentic-commerce/kit/errors';
import type { CatalogEvent, CatalogProduct, CatalogSource } from '../catalog/catalog-types.ts';
import type { EmbeddingProvider } from '../embeddings/embedding-provider.ts';
import { ProductQueryParser, type Facets } from '../query/parse-product-query.ts';
import { Lexicon } from '../sparse/lexicon.ts';
import { SparseEncoder } from '../sparse/sparse-encoder.ts';
import type { Payload, SparseVector, StoredPoint, VectorStore } from '../store/vector-store.ts';
import { undefinedIfMissing } from '../store/missing-collection.ts';
import { embeddingMismatch, parseIndexMetadata, type IndexMetadata } from './index-metadata.ts';
import { hitFromPayload, PRODUCTS_COLLECTION, productCollectionSpec, payloadHash, variantFields, variantHash, variantPayload, variantSentence, type ProductHit } from './product-documents.ts';
import { facetsOf, mergeFacets } from './product-facets.ts';
import { searchVariants, type ProductSearchOptions, type ProductSearchResult } from './product-search.ts';

const BATCH = 500;

export interface ProductDetails {
  product_id: string;
  name: string;
  category: string;
  department: string;
  description: string;
  variants: ProductHit[];
}

/** The catalog index: full ingest, incremental updates from change events or a re-sync, and search. */
export class ProductIndex {
  /** Compiled from the facets; rebuilt when they change. */
  private parser: ProductQueryParser | undefined;

  private constructor(
    private readonly store: VectorStore,
    private readonly embeddings: EmbeddingProvider | undefined,
    private metadata: IndexMetadata | undefined,
    private encoder: SparseEncoder,
  ) {}

  static async open(store: VectorStore, embeddings?: EmbeddingProvider): Promise<ProductIndex> {
    const raw = await store.readMetadata(PRODUCTS_COLLECTION).catch(undefinedIfMissing);
    const metadata = parseIndexMetadata(raw, PRODUCTS_COLLECTION);
    const encoder = new SparseEncoder(metadata ? Lexicon.from(metadata.lexicon) : new Lexicon(1));
    return new ProductIndex(store, embeddings, metadata, encoder);
  }

  /** True when nothing was ever ingested (no metadata): the only state a server may fill on its own. */
  get empty(): boolean {
    return this.metadata === undefined;
  }

  /** False when the index is empty or was built with other embeddings than the configured ones (then rebuild it). */
  get ready(): boolean {
    return this.metadata !== undefined && this.notReady === undefined;
  }

  /** Why the index cannot serve as it is; undefined when it is ready. */
  get notReady(): string | undefined {
    if (!this.metadata) return 'the product index is empty: run `pnpm knowledge ingest` first';
    return embeddingMismatch(this.metadata, this.embeddings?.model, 'product');
  }

  get cursor(): string | undefined {
    return this.metadata?.cursor;
  }

  get facets(): Facets {
    return this.metadata?.facets ?? { categories: [], departments: [], options: {} };
  }

  /** Full ingest: replaces the collection with `products`. */
  async rebuild(products: readonly CatalogProduct[], options: { cursor?: string; source?: string; onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
    const pairs = products.flatMap((product) => product.variants.map((variant) => ({ product, variant })));
    const fitted = SparseEncoder.fitted(pairs.map(({ product, variant }) => variantFields(product, variant)));
    this.encoder = fitted.encoder;
    const probe = this.embeddings ? (await this.embeddings.embed(['probe']))[0]?.length : undefined;
    await this.store.dropCollection(PRODUCTS_COLLECTION).catch(undefinedIfMissing);
    await this.store.ensureCollection(productCollectionSpec(probe));
    for (let i = 0; i < pairs.length; i += BATCH) {
      const batch = pairs.slice(i, i + BATCH);
      await this.store.upsert(PRODUCTS_COLLECTION, await this.points(batch, fitted.vectors.slice(i, i + BATCH)));
      options.onProgress?.(Math.min(i + BATCH, pairs.length), pairs.length);
    }
    this.metadata = undefined;
    await this.saveMetadata({ facets: facetsOf(products), cursor: options.cursor, source: options.source, denseSize: probe });
    return pairs.length;
  }

  /** Applies catalog, price and stock events without a rebuild. Returns how many points changed. */
  async apply(events: readonly CatalogEvent[]): Promise<{ upserted: number; deleted: number; patched: number }> {
    this.assertReady();
    const counts = { upserted: 0, deleted: 0, patched: 0 };
    let facets = this.facets;
    for (const event of events) {
      if (event.type === 'product.upserted') {
        const keep = new Set(event.product.variants.map((v) => v.variantId));
        const stale = (await this.variantIds(event.product.productId)).filter((id) => !keep.has(id));
        await this.store.delete(PRODUCTS_COLLECTION, stale);
        await this.store.upsert(PRODUCTS_COLLECTION, await this.points(event.product.variants.map((variant) => ({ product: event.product, variant }))));
        facets = mergeFacets(facets, facetsOf([event.product]));
        counts.upserted += event.product.variants.length;
        counts.deleted += stale.length;
      } else if (event.type === 'product.deleted') {
        const ids = await this.variantIds(event.productId);
        await this.store.delete(PRODUCTS_COLLECTION, ids);
        counts.deleted += ids.length;
      } else {
        const [current] = await this.store.retrieve(PRODUCTS_COLLECTION, [event.variantId]);
        if (!current) continue; // a variant this index does not hold (e.g. filtered out upstream)
        const patch: Payload = event.type === 'variant.price_changed' ? { price: event.price } : { available: event.available };
        // The cited version changes with the content, exactly as a re-ingest would compute it.
        await this.store.setPayload(PRODUCTS_COLLECTION, event.variantId, { ...patch, hash: payloadHash({ ...current.payload, ...patch }) });
        counts.patched += 1;
      }
    }
    await this.saveMetadata({ facets });
    return counts;
  }

  /** Pulls the source's change feed from the stored cursor and applies it. */
  async sync(source: CatalogSource): Promise<{ events: number; upserted: number; deleted: number; patched: number }> {
    this.assertReady();
    const from = this.metadata?.cursor;
    if (from === undefined) throw failedPrecondition('this index was built without a change-feed cursor; run a full ingest from a source');
    const { events, cursor } = await source.changesSince(from);
    const counts = await this.apply(events);
    await this.saveMetadata({ cursor });
    return { events: events.length, ...counts };
  }

  /**
   * Incremental re-index without a change feed: compares content hashes with `products` and writes only what
   * changed (new or different variants upserted, vanished ones deleted).
   */
  async reconcile(products: readonly CatalogProduct[]): Promise<{ unchanged: number; upserted: number; deleted: number }> {
    this.assertReady();
    const stored = new Map<string, string>();
    for await (const page of this.store.pages(PRODUCTS_COLLECTION)) for (const p of page) stored.set(p.id, String(p.payload.hash));
    const changed: { product: CatalogProduct; variant: CatalogProduct['variants'][number] }[] = [];
    const wanted = new Set<string>();
    for (const product of products) {
      for (const variant of product.variants) {
        wanted.add(variant.variantId);
        if (stored.get(variant.variantId) !== variantHash(product, variant)) changed.push({ product, variant });
      }
    }
    const stale = [...stored.keys()].filter((id) => !wanted.has(id));
    await this.store.delete(PRODUCTS_COLLECTION, stale);
    for (let i = 0; i < changed.length; i += BATCH) await this.store.upsert(PRODUCTS_COLLECTION, await this.points(changed.slice(i, i + BATCH)));
    await this.saveMetadata({ facets: mergeFacets(this.facets, facetsOf(products)) });
    return { unchanged: wanted.size - changed.length, upserted: changed.length, deleted: stale.length };
  }

  /** Searches variants (product-search.ts says how filters read from the query rank and constrain). */
  async search(query: string, options: ProductSearchOptions = {}): Promise<ProductSearchResult> {
    this.assertReady();
    this.parser ??= new ProductQueryParser(this.facets);
    return searchVariants({ store: this.store, encoder: this.encoder, embeddings: this.embeddings, parser: this.parser, metadata: this.metadata }, query, options);
  }

  async getProduct(productId: string): Promise<ProductDetails> {
    this.assertReady();
    const points = await this.store.list(PRODUCTS_COLLECTION, { filter: { must: [{ key: 'product_id', match: productId }] }, orderBy: 'price', limit: 10_000 });
    const first = points[0];
    if (!first) throw notFound(`no product with id "${productId}" in the catalog index; product ids are numeric strings like "9523456873"`);
    const p = first.payload;
    return {
      product_id: productId,
      name: String(p.product_name),
      category: String(p.category),
      department: String(p.department),
      description: String(p.description),
      variants: points.map((point) => hitFromPayload(point.id, point.payload, 0)),
    };
  }

  private async variantIds(productId: string): Promise<string[]> {
    const points = await this.store.list(PRODUCTS_COLLECTION, { filter: { must: [{ key: 'product_id', match: productId }] }, orderBy: 'price', limit: 10_000 });
    return points.map((p) => p.id);
  }

  /** Points for variants; `sparse` holds vectors already encoded by a full ingest (else they are encoded here). */
  private async points(pairs: readonly { product: CatalogProduct; variant: CatalogProduct['variants'][number] }[], sparse?: readonly SparseVector[]): Promise<StoredPoint[]> {
    const dense = this.embeddings ? await this.embeddings.embed(pairs.map(({ product, variant }) => variantSentence(product, variant))) : undefined;
    return pairs.map(({ product, variant }, i) => ({
      id: variant.variantId,
      sparse: sparse?.[i] ?? this.encoder.document(variantFields(product, variant)),
      dense: dense?.[i],
      payload: variantPayload(product, variant),
    }));
  }

  private async saveMetadata(patch: Partial<IndexMetadata>): Promise<void> {
    if (patch.facets) this.parser = undefined;
    this.metadata = {
      ...this.metadata,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      lexicon: this.encoder.lexicon.toJSON(),
      embeddingModel: this.embeddings?.model,
      indexedAt: new Date().toISOString(),
    } as IndexMetadata;
    await this.store.writeMetadata(PRODUCTS_COLLECTION, this.metadata as unknown as Record<string, unknown>);
    await this.store.flush();
  }

  private assertReady(): void {
    const reason = this.notReady;
    if (reason) throw failedPrecondition(reason);
  }
}
