import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { orderSchema, productSchema, userSchema, type Order, type Product, type User } from '../domain/records.ts';
import type { OmsBackend } from '../store/oms-backend.ts';

/** τ-bench retail state: records keyed by user id, order id and product id, exactly as in its JSON files. */
export interface TauState {
  users: Record<string, User>;
  orders: Record<string, Order>;
  products: Record<string, Product>;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** `../shared/data/tau-bench-retail` next to the repository, or TAU_BENCH_DIR. */
export function defaultTauBenchDir(): string {
  return process.env.TAU_BENCH_DIR ?? resolve(repoRoot, '../shared/data/tau-bench-retail');
}

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`cannot read ${path}: ${(cause as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path} is not τ-bench retail data: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Reads and validates users.json, orders.json and products.json from a τ-bench retail data folder. */
export async function readTauBenchData(dir = defaultTauBenchDir()): Promise<TauState> {
  const [users, orders, products] = await Promise.all([
    readJson(join(dir, 'users.json'), z.record(z.string(), userSchema)),
    readJson(join(dir, 'orders.json'), z.record(z.string(), orderSchema)),
    readJson(join(dir, 'products.json'), z.record(z.string(), productSchema)),
  ]);
  return { users, orders, products };
}

/**
 * Loads τ-bench records into an empty OMS (bulk statements, one transaction when `backend` is bound to one).
 * Orders are loaded in each user's list order so that `user.orders` exports unchanged.
 */
export async function importTauBench(backend: OmsBackend, state: TauState): Promise<{ users: number; orders: number; products: number }> {
  await backend.loadProducts(Object.values(state.products));
  await backend.loadCustomers(Object.entries(state.users).map(([userId, user]) => ({ userId, user })));
  const listed = Object.values(state.users).flatMap((u) => u.orders.map((id) => state.orders[id]).filter((o): o is Order => o !== undefined));
  const listedIds = new Set(listed.map((o) => o.order_id));
  const unlisted = Object.values(state.orders).filter((o) => !listedIds.has(o.order_id));
  await backend.loadOrders([...listed, ...unlisted]);
  return { users: Object.keys(state.users).length, orders: Object.keys(state.orders).length, products: Object.keys(state.products).length };
}

/** The OMS's records in τ-bench's exact JSON shape (all of them, or only the given ids). */
export async function exportTauState(backend: OmsBackend, ids?: { users?: string[]; orders?: string[]; products?: string[] }): Promise<TauState> {
  const users = await backend.getCustomers(ids?.users);
  const orders = await backend.getOrders(ids?.orders);
  const products = await backend.getProducts(ids?.products);
  return { users: Object.fromEntries(users), orders: Object.fromEntries(orders), products: Object.fromEntries(products) };
}
