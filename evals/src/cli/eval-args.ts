import { parseArgs } from 'node:util';
import { SUITES, type SuiteName } from '../scenario/schema.ts';

export interface EvalArgs {
  suite: SuiteName | 'all';
  model: string;
  trials: number;
  k: number;
  concurrency: number;
  out: string;
  baseline: string;
  checkBaseline: boolean;
  updateBaseline: boolean;
  scenarios: string;
  filter: string | undefined;
}

export const EVAL_USAGE = `usage: pnpm eval [--suite ${SUITES.join('|')}|all] [--model embedded|openai|gguf] [--trials k] [--k k]
                 [--concurrency n] [--out dir] [--baseline file] [--check-baseline] [--update-baseline] [--filter text]`;

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be an integer from 1 to ${max}, got "${value}"`);
  return n;
}

export function parseEvalArgs(argv: string[], defaults: { scenarios: string; baseline: string; out: string }): EvalArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      suite: { type: 'string', default: 'all' },
      model: { type: 'string', default: process.env.MODEL_PROVIDER ?? 'embedded' },
      trials: { type: 'string' },
      k: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
      baseline: { type: 'string' },
      'check-baseline': { type: 'boolean', default: false },
      'update-baseline': { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      filter: { type: 'string' },
    },
    strict: true,
  });
  const suite = values.suite!;
  if (suite !== 'all' && !(SUITES as readonly string[]).includes(suite)) {
    throw new Error(`--suite must be one of ${[...SUITES, 'all'].join(', ')}, got "${suite}"`);
  }
  const trials = positiveInt('trials', values.trials, 1, 100);
  const k = positiveInt('k', values.k, trials, trials);
  return {
    suite: suite as SuiteName | 'all',
    model: values.model!,
    trials,
    k,
    concurrency: positiveInt('concurrency', values.concurrency, 2, 64),
    out: values.out ?? defaults.out,
    baseline: values.baseline ?? defaults.baseline,
    checkBaseline: values['check-baseline']!,
    updateBaseline: values['update-baseline']!,
    scenarios: values.scenarios ?? defaults.scenarios,
    filter: values.filter,
  };
}
