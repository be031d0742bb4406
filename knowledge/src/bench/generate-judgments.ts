#!/usr/bin/env -S npx tsx
/** Regenerates bench-data/product-queries.json from the τ-bench catalog (deterministic). Run: npx tsx knowledge/src/bench/generate-judgments.ts */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { TauBenchCatalog } from '../catalog/tau-bench-catalog.ts';
import { productJudgments } from './product-judgments.ts';

const out = fileURLToPath(new URL('../../bench-data/product-queries.json', import.meta.url));
const { products } = await (await TauBenchCatalog.load()).snapshot();
const queries = productJudgments(products);
await writeFile(out, `${JSON.stringify(queries, null, 1)}\n`);
const kinds = queries.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.kind]: (acc[q.kind] ?? 0) + 1 }), {});
console.log(`wrote ${queries.length} judged queries to ${out}: ${JSON.stringify(kinds)}`);
