import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createActionRuntime } from '../action-runtime.ts';
import { commandArgs } from '../cli/command-args.ts';
import { migrate } from '../db/migrate.ts';
import { kitMigrations, LEDGER_CHAINS } from '../kit-migrations.ts';
import { generateSigner } from '../ledger/ledger-keys.ts';
import { createLogger } from '../telemetry/logger.ts';
import { benchPolicy, issueRefund, migrateRefunds, refundsBackend } from '../testing/refunds-system.ts';
import { dropPrefixedSchemas, uniquePrefix } from '../testing/test-database.ts';
import { transactionalBackend } from '../tool.ts';
import { benchDatabaseUrl, openBenchDatabase } from './bench-database.ts';
import { bareScript, layerRecordsScript, parsePgbenchReport, type RecordShape } from './postgres-floor-scripts.ts';

/**
 * PostgreSQL's share of the layer's cost, without Node: pgbench runs the kit bench's refund bare, and the same refund
 * with the records the layer adds (postgres-floor-scripts.ts), alternating, at 1 and --concurrency clients for
 * --floor-seconds each, --floor-rounds times. The ratio is what the layer would cost on this host with a client that cost nothing: the
 * floor under the kit bench's ratio. Skipped when pgbench is not on PATH.
 */
const { values } = parseArgs({ args: commandArgs(), options: { concurrency: { type: 'string' }, 'floor-seconds': { type: 'string' }, 'floor-rounds': { type: 'string' } } });
const concurrency = Number(values.concurrency ?? 8);
const seconds = Number(values['floor-seconds'] ?? 8);
const rounds = Number(values['floor-rounds'] ?? 2);
for (const [name, v] of [['--concurrency', concurrency], ['--floor-seconds', seconds], ['--floor-rounds', rounds]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`postgres floor: ${name} must be a positive whole number, got ${v}`);
}
const version = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  process.stdout.write('\npostgres floor: skipped, pgbench is not on PATH (it comes with PostgreSQL\'s client programs)\n');
  process.exit(0);
}
const url = benchDatabaseUrl();
const db = await openBenchDatabase('postgres floor');
const prefix = uniquePrefix();
const schemas = { refunds: `${prefix}_refunds`, kit: `${prefix}_kit`, chains: LEDGER_CHAINS };
const dir = mkdtempSync(join(tmpdir(), 'postgres-floor-'));
try {
  await migrateRefunds(db, schemas.refunds, Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, 0])));
  await migrate(db, schemas.kit, kitMigrations);
  const shape = await realShape(db, schemas.refunds, `${prefix}_shape`);
  const scripts = { bare: join(dir, 'bare.sql'), layer: join(dir, 'layer-records.sql'), oneRow: join(dir, 'one-row.sql') };
  writeFileSync(scripts.bare, bareScript(schemas));
  writeFileSync(scripts.layer, layerRecordsScript(schemas, shape));
  // The same records with the call's entries in one ledger row (one body of their joint length, one signature): what
  // recording intent, decision and result as one entry would save PostgreSQL.
  const joint = { body: shape.entries.reduce((n, e) => n + e.body, 0), signature: Math.max(...shape.entries.map((e) => e.signature)) };
  writeFileSync(scripts.oneRow, layerRecordsScript(schemas, { ...shape, entries: [joint] }));
  const rows: Record<string, string | number>[] = [];
  const started = `load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} on ${cpus().length} cores`;
  for (const clients of [1, concurrency]) {
    const sum = { bare: { tx: 0, s: 0, lat: 0 }, layer: { tx: 0, s: 0, lat: 0 }, oneRow: { tx: 0, s: 0, lat: 0 } };
    for (let r = 0; r < rounds; r += 1) {
      for (const mode of ['bare', 'layer', 'oneRow'] as const) {
        const m = pgbench(url, scripts[mode], clients, seconds);
        sum[mode].tx += m.transactions;
        sum[mode].s += m.transactions / m.tps;
        sum[mode].lat += m.latencyMs * m.transactions;
      }
    }
    const tps = (m: typeof sum.bare) => m.tx / m.s;
    const lat = (m: typeof sum.bare) => m.lat / m.tx;
    rows.push(
      { mode: 'bare transaction', clients, transactions: sum.bare.tx, 'tx/s': Math.round(tps(sum.bare)), 'mean latency ms': +lat(sum.bare).toFixed(2) },
      { mode: 'bare + the layer\'s records', clients, transactions: sum.layer.tx, 'tx/s': Math.round(tps(sum.layer)), 'mean latency ms': +lat(sum.layer).toFixed(2) },
      { mode: 'ratio (records / bare)', clients, transactions: '', 'tx/s': +(tps(sum.bare) / tps(sum.layer)).toFixed(2), 'mean latency ms': +(lat(sum.layer) / lat(sum.bare)).toFixed(2) },
      { mode: '… with one ledger row per call', clients, transactions: sum.oneRow.tx, 'tx/s': Math.round(tps(sum.oneRow)), 'mean latency ms': +lat(sum.oneRow).toFixed(2) },
      { mode: 'ratio (one row / bare)', clients, transactions: '', 'tx/s': +(tps(sum.bare) / tps(sum.oneRow)).toFixed(2), 'mean latency ms': +(lat(sum.oneRow) / lat(sum.bare)).toFixed(2) },
    );
  }
  process.stdout.write(`\nPostgreSQL's floor: the refund bare and with the layer's records (key, velocity count, chain head, ${shape.entries.length} ledger rows with bodies of ${shape.entries.map((e) => e.body).join('/')} characters), written by pgbench (${version.stdout.trim()}, prepared statements, the same round trips as the layer), ${rounds} alternating runs of ${seconds} s per mode\n`);
  process.stdout.write(`machine: ${started} at the start (PostgreSQL and pgbench share them)\n`);
  console.table(rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await dropPrefixedSchemas(db, prefix);
  await db.close();
}

/** What one real refund through the layer stores: its ledger bodies' and idempotency row's lengths. */
async function realShape(db: Awaited<ReturnType<typeof openBenchDatabase>>, refunds: string, kit: string): Promise<RecordShape> {
  const runtime = createActionRuntime({ db, schema: kit, policy: benchPolicy(), signer: generateSigner(), logger: createLogger({ level: 'warn' }) });
  await runtime.ready();
  const principal = { kind: 'service' as const, id: 'svc:bench', scopes: ['*'] };
  await runtime.invoke({ system: 'refunds', tool: issueRefund, input: { customer_id: 'c1', order_id: '#B1', amount: 1.25 }, principal, idempotencyKey: 'shape-1' }, transactionalBackend(refundsBackend(refunds)));
  const entries = await db.query<{ body: number; hash: number; key_id: number; signature: number }>(
    `SELECT length(body) AS body, length(hash) AS hash, length(key_id) AS key_id, length(signature) AS signature FROM ${kit}.ledger ORDER BY pos`,
  );
  const [key] = await db.query<{ scope: number; result: number }>(`SELECT length(scope) AS scope, length(result) AS result FROM ${kit}.idempotency`);
  if (entries.length === 0 || !key) throw new Error('postgres floor: the layer stored no ledger entries or key for a refund');
  return { entries: entries.map((e) => ({ body: e.body, signature: e.signature })), hashLength: entries[0]!.hash, keyIdLength: entries[0]!.key_id, scopeLength: key.scope, resultLength: key.result };
}

function pgbench(dbUrl: string, script: string, clients: number, duration: number) {
  const run = spawnSync('pgbench', ['-n', '-M', 'prepared', '-c', String(clients), '-j', String(Math.min(clients, cpus().length)), '-T', String(duration), '-f', script, dbUrl], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return parsePgbenchReport(`${run.stdout}\n${run.stderr}`);
}
