/**
 * `pnpm generate`: draws a synthetic world from a seed and loads it into the four systems' schemas
 * (PostgreSQL via --database-url / DATABASE_URL, else the embedded store), with a progress bar on stderr.
 */
import { mkdirSync } from 'node:fs';
import { openDatabase } from '@agentic-commerce/kit';
import cliProgress from 'cli-progress';
import { generateWorld } from '../generator/generate-world.ts';
import { loadWorld } from '../load/load-world.ts';
import { migrateWorld, worldHasData } from '../migrate-world.ts';
import { worldSchemas } from '../world-schemas.ts';
import { GENERATE_USAGE, parseGenerateArgs, type GenerateArgs } from './generate-args.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';

function parse(): GenerateArgs {
  try {
    return parseGenerateArgs(commandArgs());
  } catch (error) {
    process.stderr.write(`pnpm generate: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

const args = parse();
if (args.help) {
  process.stdout.write(`${GENERATE_USAGE}\n`);
  process.exit(0);
}
if (!args.databaseUrl) mkdirSync(args.dataDir, { recursive: true });
const db = await openDatabase({ url: args.databaseUrl, dataDir: args.dataDir });
const where = args.databaseUrl ? args.databaseUrl.replace(/:[^:@/]*@/, ':***@') : `embedded store ${args.dataDir}`;
try {
  const schemas = worldSchemas(args.prefix);
  if (args.replace) for (const schema of Object.values(schemas)) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await migrateWorld(db, schemas);
  if (await worldHasData(db, schemas)) {
    throw new Error(`${where} already holds a world in schema ${schemas.oms}: pass --replace to drop it, or --prefix NAME to load beside it`);
  }
  const started = performance.now();
  const world = generateWorld(args.options);
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'orders [{bar}] {percentage}% | {value}/{total} | {rate} orders/s | {phase}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(world.orderCount, 0, { rate: 0, phase: 'catalog, customers, stock, prices' });
  const counts = await loadWorld(db, schemas, world, {
    batchSize: args.batchSize,
    onProgress: ({ phase, ordersLoaded }) => {
      const seconds = (performance.now() - started) / 1000;
      bar.update(ordersLoaded, { rate: Math.round(ordersLoaded / seconds), phase: phase === 'orders' ? 'orders' : phase === 'loyalty' ? 'loyalty ledger' : 'catalog, customers, stock, prices' });
    },
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${world.name} as of ${world.asOf.toISOString().slice(0, 10)} loaded into ${where} (schemas ${Object.values(schemas).join(', ')})\n`);
  for (const [what, count] of Object.entries(counts)) process.stdout.write(`  ${what.padEnd(20)} ${count.toLocaleString('en-US')}\n`);
  process.stdout.write(`elapsed ${seconds.toFixed(1)} s, ${Math.round(counts.orders / seconds).toLocaleString('en-US')} orders/s (generation and load)\n`);
} catch (error) {
  process.stderr.write(`pnpm generate: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
