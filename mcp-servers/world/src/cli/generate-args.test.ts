import { describe, expect, it } from 'vitest';
import { parseGenerateArgs } from './generate-args.ts';

describe('pnpm generate arguments', () => {
  it('reads the scale, the as-of date and where to load', () => {
    const args = parseGenerateArgs(
      ['--seed', '42', '--customers', '20000', '--orders', '100000', '--products', '500', '--warehouses', '4', '--days', '90', '--as-of', '2026-03-01', '--prefix', 'demo', '--batch-size', '5000'],
      {},
    );
    expect(args.options).toEqual({ seed: 42, customers: 20000, orders: 100000, products: 500, warehouses: 4, days: 90, asOf: new Date('2026-03-01T00:00:00.000Z') });
    expect(args).toMatchObject({ databaseUrl: undefined, dataDir: '.data/store', prefix: 'demo', batchSize: 5000, replace: false });
  });

  it('takes the database from DATABASE_URL unless --database-url is given', () => {
    expect(parseGenerateArgs([], { DATABASE_URL: 'postgres://a@h/db' }).databaseUrl).toBe('postgres://a@h/db');
    expect(parseGenerateArgs(['--database-url', 'postgresql://b@h/db'], { DATABASE_URL: 'postgres://a@h/db' }).databaseUrl).toBe('postgresql://b@h/db');
  });

  it.each([
    [['--orders', 'many'], '--orders must be a whole number, got "many"'],
    [['--orders', '-5'], /--orders/],
    [['--customers', '0'], 'invalid scale: customers must be at least 1'],
    [['--warehouses', '65'], 'invalid scale: warehouses must be at most 64'],
    [['--as-of', '01/03/2026'], '--as-of must be a date like 2026-01-31, got "01/03/2026"'],
    [['--as-of', '2026-02-31'], '--as-of must be a real calendar date, got "2026-02-31"'],
    [['--prefix', 'Bad-Name'], '--prefix must be 1-41 lower-case letters'],
    [['--database-url', 'mysql://x'], 'must be a postgres:// or postgresql:// URL'],
    [['--batch-size', '0'], '--batch-size must be between 1 and 50000, got 0'],
    [['--colour', 'blue'], /Unknown option '--colour'[\s\S]*usage: pnpm generate/],
    [['stray'], /positional argument[\s\S]*usage: pnpm generate/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseGenerateArgs(argv as string[], {})).toThrow(message);
  });
});
