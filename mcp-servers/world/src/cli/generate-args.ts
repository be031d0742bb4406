import { parseArgs } from 'node:util';
import { parseGeneratorOptions, startOfUtcDay, DEFAULT_SCALE, type GeneratorOptions } from '../generator/generator-options.ts';

export const GENERATE_USAGE = `usage: pnpm generate [options]
  --seed N             PRNG seed (default ${DEFAULT_SCALE.seed}); the same seed and options give the same world
  --customers N        customers (default ${DEFAULT_SCALE.customers})
  --orders N           orders (default ${DEFAULT_SCALE.orders})
  --products N         products, 2-12 variants each (default ${DEFAULT_SCALE.products})
  --warehouses N       warehouses (default ${DEFAULT_SCALE.warehouses})
  --days N             days of order history (default ${DEFAULT_SCALE.days})
  --as-of YYYY-MM-DD   the world's "now" (default: today, UTC)
  --database-url URL   PostgreSQL (default: DATABASE_URL, else embedded PGlite in --data-dir)
  --data-dir DIR       embedded store directory (default .data/store)
  --prefix NAME        load into <NAME>_oms, <NAME>_wms, ... instead of oms, wms, ...
  --replace            drop the world's schemas first if they hold data
  --batch-size N       orders per transaction (default 2000)
  --help               show this help`;

export interface GenerateArgs {
  options: GeneratorOptions;
  databaseUrl: string | undefined;
  dataDir: string;
  prefix: string | undefined;
  replace: boolean;
  batchSize: number;
  help: boolean;
}

const NUMERIC = ['seed', 'customers', 'orders', 'products', 'warehouses', 'days', 'batch-size'] as const;

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`--${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

/** Parses `pnpm generate` arguments; throws an Error whose message says what was wrong and what is accepted. */
export function parseGenerateArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): GenerateArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(NUMERIC.map((name) => [name, { type: 'string' as const }])),
        'as-of': { type: 'string' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        prefix: { type: 'string' },
        replace: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}\n${GENERATE_USAGE}`);
  }
  const numbers = Object.fromEntries(
    NUMERIC.filter((name) => values[name] !== undefined).map((name) => [name, wholeNumber(name, values[name] as string)]),
  ) as Partial<Record<(typeof NUMERIC)[number], number>>;
  const asOfText = values['as-of'] as string | undefined;
  if (asOfText !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOfText)) throw new Error(`--as-of must be a date like 2026-01-31, got "${asOfText}"`);
  const asOf = asOfText === undefined ? startOfUtcDay() : new Date(`${asOfText}T00:00:00.000Z`);
  if (Number.isNaN(asOf.getTime()) || (asOfText !== undefined && asOf.toISOString().slice(0, 10) !== asOfText)) throw new Error(`--as-of must be a real calendar date, got "${asOfText}"`);
  const { 'batch-size': batchSize = 2000, ...scale } = numbers;
  if (batchSize < 1 || batchSize > 50_000) throw new Error(`--batch-size must be between 1 and 50000, got ${batchSize}`);
  let options: GeneratorOptions;
  try {
    options = parseGeneratorOptions({ ...scale, asOf });
  } catch (error) {
    throw new Error(`invalid scale: ${(error as Error).message}`);
  }
  const prefix = values.prefix as string | undefined;
  if (prefix !== undefined && !/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new Error(`--prefix must be 1-41 lower-case letters, digits or _, starting with a letter or _, got "${prefix}"`);
  }
  const databaseUrl = (values['database-url'] as string | undefined) ?? env.DATABASE_URL ?? undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`--database-url (or DATABASE_URL) must be a postgres:// or postgresql:// URL`);
  }
  return {
    options,
    databaseUrl: databaseUrl || undefined,
    dataDir: (values['data-dir'] as string | undefined) ?? '.data/store',
    prefix,
    replace: values.replace === true,
    batchSize,
    help: values.help === true,
  };
}
