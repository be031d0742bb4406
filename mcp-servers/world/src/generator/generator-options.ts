import { z } from 'zod';
import { MAX_ORDERS } from './world-ids.ts';

const count = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a whole number between ${min} and ${max}` })
    .int(`${what} must be a whole number between ${min} and ${max}`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

/** The scale and seed of a synthetic world. */
export const generatorOptionsSchema = z.object({
  seed: count('seed', 0, 2 ** 32 - 1).describe('PRNG seed: the same seed and options give the same world'),
  customers: count('customers', 1, 5_000_000).describe('number of customers'),
  orders: count('orders', 0, MAX_ORDERS).describe('number of orders'),
  products: count('products', 1, 100_000).describe('number of products (each with 2-12 variants)'),
  warehouses: count('warehouses', 1, 64).describe('number of warehouses'),
  days: count('days', 1, 3650).describe('days of order history before asOf'),
  asOf: z.date({ error: 'asOf must be a valid date' }).refine((d) => !Number.isNaN(d.getTime()), 'asOf must be a valid date').describe("the world's now"),
});
export type GeneratorOptions = z.infer<typeof generatorOptionsSchema>;

/**
 * The default "now" of a world: midnight UTC of the current day, so that a world served today has recent orders
 * (return windows, delivery slots) and is the same world all day. Pass `asOf` to pin it.
 */
export function startOfUtcDay(date = new Date()): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export const DEFAULT_SCALE = { seed: 42, customers: 200, orders: 1000, products: 50, warehouses: 3, days: 90 } as const;

/** Validates options, naming every wrong field and what it accepts. */
export function parseGeneratorOptions(input: Partial<GeneratorOptions>): GeneratorOptions {
  const parsed = generatorOptionsSchema.safeParse({ ...DEFAULT_SCALE, asOf: startOfUtcDay(), ...input });
  if (!parsed.success) throw new RangeError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}
