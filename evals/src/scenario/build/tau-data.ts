import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TauItem {
  name: string;
  product_id: string;
  item_id: string;
  price: number;
  options: Record<string, string>;
}
export interface TauOrder {
  order_id: string;
  user_id: string;
  status: string;
  items: TauItem[];
  address: Record<string, string>;
  fulfillments: { tracking_id: string[]; item_ids: string[] }[];
  payment_history: { transaction_type: string; amount: number; payment_method_id: string }[];
}
export interface TauUser {
  name: { first_name: string; last_name: string };
  email: string;
  address: Record<string, string>;
  payment_methods: Record<string, { source: string; id: string; brand?: string; last_four?: string; balance?: number }>;
  orders: string[];
}
export interface TauProduct {
  name: string;
  product_id: string;
  variants: Record<string, { item_id: string; options: Record<string, string>; available: boolean; price: number }>;
}
export interface TauData {
  users: Record<string, TauUser>;
  orders: Record<string, TauOrder>;
  products: Record<string, TauProduct>;
}

export function loadTauData(dir: string): TauData {
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
  return { users: read('users.json'), orders: read('orders.json'), products: read('products.json') };
}

/** A small seeded PRNG (mulberry32): the same seed builds the same suites. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random() * items.length)]!;
}

/** How a customer would name an item: "the blue 1000ml water bottle". */
const DESCRIPTIVE = ['color', 'size', 'material', 'capacity', 'style', 'type'];

export function describeItem(item: TauItem): string {
  const keys = Object.keys(item.options).sort((a, b) => rank(a) - rank(b));
  const values = keys
    .map((k) => item.options[k]!)
    .filter((v) => !['none', 'no', 'yes'].includes(v.toLowerCase()))
    .slice(0, 2)
    .join(' ');
  return `${values} ${item.name.toLowerCase()}`.trim();
}

export function originalPaymentMethod(order: TauOrder): string {
  return order.payment_history.find((p) => p.transaction_type === 'payment')!.payment_method_id;
}

function rank(key: string): number {
  const i = DESCRIPTIVE.indexOf(key);
  return i === -1 ? DESCRIPTIVE.length : i;
}
