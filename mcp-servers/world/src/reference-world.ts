import { createActionRuntime, type ActionRuntimeOptions, type BackendFactory, type Database, type KitRuntime } from '@agentic-commerce/kit';
import { createCourierServer, sqlCourierBackend, type CourierBackend } from '@agentic-commerce/courier';
import { createOmsServer, readTauBenchData, sqlOmsBackend, type OmsBackend } from '@agentic-commerce/oms';
import { createPricingServer, sqlPricingBackend, type PricingBackend } from '@agentic-commerce/pricing';
import { createWmsServer, sqlWmsBackend, type WmsBackend } from '@agentic-commerce/wms';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { copyWorld } from './copy-world.ts';
import { generateWorld } from './generator/generate-world.ts';
import { startOfUtcDay, type GeneratorOptions } from './generator/generator-options.ts';
import { loadWorld, type LoadCounts, type LoadOptions } from './load/load-world.ts';
import { migrateWorld, worldHasData } from './migrate-world.ts';
import { pricingPort } from './ports/pricing-port.ts';
import { transactionScope } from './ports/transaction-scope.ts';
import { catalogSyncingWms } from './ports/catalog-availability.ts';
import { wmsInventoryPort } from './ports/wms-inventory-port.ts';
import { tauBenchWorld } from './tau-bench/tau-bench-world.ts';
import type { TauBenchData } from './tau-bench/tau-bench-records.ts';
import type { WorldContent } from './world-content.ts';
import { worldSchemas, type WorldSchemas } from './world-schemas.ts';
import { snapshotWorld, type WorldSnapshot } from './world-snapshot.ts';

/** Where a world's data comes from. `existing`: the schemas were loaded before (e.g. by `pnpm generate`). */
export type WorldSource =
  | { kind: 'tau-bench'; /** defaults to TAU_BENCH_DIR or ../shared/data/tau-bench-retail */ dir?: string; data?: TauBenchData; warehouses?: number }
  | ({ kind: 'synthetic' } & Partial<Omit<GeneratorOptions, 'asOf'>>)
  | { kind: 'existing' }
  /** A copy of a world loaded before under another prefix (undefined: the default schemas); much faster than loading. */
  | { kind: 'copy'; fromPrefix: string | undefined };

export interface ReferenceWorldOptions {
  db: Database;
  /** Namespaces every schema ("<prefix>_oms", ..., "<prefix>_kit"); omit for the default schema names. */
  prefix?: string;
  source: WorldSource;
  /** The world's "now" that the data is drawn around; defaults to midnight UTC today. */
  asOf?: Date;
  /** Action-layer options (policy, signer, clock, principal...); `db` and the kit schema are the world's. */
  runtime?: Omit<ActionRuntimeOptions, 'db' | 'schema'>;
  load?: LoadOptions;
  /**
   * `follows-stock` (default): the catalog's availability flag follows WMS free stock on every reservation, release
   * or adjustment. `as-loaded`: the flag stays as loaded — τ-bench's semantics, whose gold final states treat product
   * availability as fixed data (the τ-bench runner uses it).
   */
  catalogAvailability?: 'follows-stock' | 'as-loaded';
}

export interface ReferenceWorld {
  /** One factory per system; each call builds a fresh McpServer on the shared runtime (one per session/transport). */
  servers: Record<'oms' | 'wms' | 'courier' | 'pricing', () => McpServer>;
  runtime: KitRuntime;
  schemas: WorldSchemas & { kit: string };
  backends: { oms: BackendFactory<OmsBackend>; wms: BackendFactory<WmsBackend>; courier: BackendFactory<CourierBackend>; pricing: BackendFactory<PricingBackend> };
  asOf: Date;
  /** What was loaded; undefined for an `existing` or `copy` source. */
  counts: LoadCounts | undefined;
  /** The state of all four systems now (for graders and tests). */
  snapshot(): Promise<WorldSnapshot>;
}

async function contentOf(source: Extract<WorldSource, { kind: 'tau-bench' | 'synthetic' }>, asOf: Date): Promise<WorldContent> {
  if (source.kind === 'tau-bench') {
    const data = source.data ?? (await readTauBenchData(source.dir));
    return tauBenchWorld(data, { asOf, warehouses: source.warehouses });
  }
  const { kind: _kind, ...scale } = source;
  return generateWorld({ ...scale, asOf });
}

/**
 * The reference world: migrates the four systems' schemas (and the kit's), loads the source into them, wires the
 * OMS's ports to the WMS and pricing backends (sharing the OMS write's transaction), and returns MCP server
 * factories on one action runtime. Refuses to load into schemas that already hold data.
 */
export async function createReferenceWorld(options: ReferenceWorldOptions): Promise<ReferenceWorld> {
  const schemas = { ...worldSchemas(options.prefix), kit: options.prefix ? `${options.prefix}_kit` : 'kit' };
  const asOf = options.asOf ?? startOfUtcDay();
  const { db } = options;
  if (options.source.kind === 'copy' && worldSchemas(options.source.fromPrefix).oms === schemas.oms) {
    throw new Error(`a world cannot be copied onto itself (schema ${schemas.oms}): give the copy another prefix`);
  }
  await migrateWorld(db, schemas);
  let counts: LoadCounts | undefined;
  if (options.source.kind !== 'existing') {
    if (await worldHasData(db, schemas)) {
      throw new Error(`schema ${schemas.oms} already holds a world: use another prefix, drop the schemas, or pass source { kind: 'existing' } to serve it`);
    }
    if (options.source.kind === 'copy') {
      const from = worldSchemas(options.source.fromPrefix);
      if (!(await worldHasData(db, from))) throw new Error(`schema ${from.oms} holds no world to copy: load one there first`);
      await copyWorld(db, from, schemas);
    } else {
      counts = await loadWorld(db, schemas, await contentOf(options.source, asOf), options.load);
    }
  }
  const scope = transactionScope(db);
  const runtime = createActionRuntime({ ...options.runtime, db: scope.db, schema: schemas.kit });
  await runtime.ready();
  const now = runtime.now;
  const oms = sqlOmsBackend(schemas.oms);
  const backends = {
    oms,
    wms: options.catalogAvailability === 'as-loaded' ? sqlWmsBackend(schemas.wms) : catalogSyncingWms(sqlWmsBackend(schemas.wms), oms),
    courier: sqlCourierBackend(schemas.courier),
    pricing: sqlPricingBackend(schemas.pricing),
  };
  const ports = { inventory: wmsInventoryPort(backends.wms, scope, now), pricing: pricingPort(backends.pricing, scope, now) };
  return {
    servers: {
      oms: () => createOmsServer({ runtime, backend: backends.oms, ports }),
      wms: () => createWmsServer({ runtime, backend: backends.wms }),
      courier: () => createCourierServer({ runtime, backend: backends.courier }),
      pricing: () => createPricingServer({ runtime, backend: backends.pricing }),
    },
    runtime,
    schemas,
    backends,
    asOf,
    counts,
    snapshot: () => snapshotWorld(db, schemas),
  };
}
