import { pino, type Logger } from 'pino';
import { processPiiKey } from '../ledger/pii-key.ts';
import { redact, redactText } from '../ledger/redact.ts';

/**
 * Structured JSON logs on stderr (stdout belongs to the stdio MCP transport), with the ledger's PII redaction (and its
 * PII key, loaded once per process) applied to everything that reaches a line: the logged object, the message and
 * its `%s`/`%o`/`%j` arguments, an error logged on its own (its message becomes the line's `msg`), and the bindings
 * of child loggers. A logged error keeps its type name (`"type":"TypeError"`), redacted message and stack (and an
 * AggregateError its errors, as `aggregateErrors`).
 * LOG_LEVEL sets the level; under vitest the default is "silent".
 */
export function createLogger(options: { level?: string; name?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  processPiiKey(); // a missing or invalid key is reported now, not on the first line logged
  const logger = pino(
    {
      name: options.name ?? 'commerce',
      level,
      // Redacted before pino formats the line (hooks run only for enabled levels).
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactArguments(args) as Parameters<typeof method>);
        },
      },
      // `err` arrives redacted (a plain object with type, message, stack): pino's own serializer would call it "Object".
      serializers: { err: (err: unknown) => (err instanceof Error ? redactError(err) : err) },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
  // Bindings of child loggers: pino applies `formatters.bindings` to the root logger's only, so the methods that take
  // bindings redact them. Children inherit these from the root (pino makes each with Object.create(parent)).
  const methods = logger as unknown as BindingMethods;
  const { child, setBindings } = methods;
  methods.child = function redactedChild(bindings, childOptions) {
    return child.call(this, redact(bindings) as pino.Bindings, childOptions);
  };
  methods.setBindings = function redactedSetBindings(bindings) {
    setBindings.call(this, redact(bindings) as pino.Bindings);
  };
  return logger;
}

interface BindingMethods {
  child(this: unknown, bindings: pino.Bindings, options?: unknown): unknown;
  setBindings(this: unknown, bindings: pino.Bindings): void;
}

function redactArguments(args: unknown[]): unknown[] {
  return args.map((arg, i) => {
    if (typeof arg === 'string') return redactText(arg);
    // An error logged on its own is logged as { err }, its message the line's message (as pino does), both redacted.
    if (i === 0 && arg instanceof Error) return { err: redactError(arg) };
    if (arg === null || typeof arg !== 'object') return arg;
    const out = redact(arg);
    const { err } = arg as { err?: unknown };
    if (err instanceof Error && out !== null && typeof out === 'object') (out as Record<string, unknown>).err = redactError(err);
    return out;
  });
}

/**
 * An error redacted (type, message, stack, own fields, cause), and, as pino's own serializer does, the errors an
 * AggregateError gathers (not an own enumerable field) as `aggregateErrors`, each redacted like an error.
 */
function redactError(err: Error, inside = new Set<Error>()): unknown {
  const out = redact(err) as Record<string, unknown>;
  const { errors } = err as { errors?: unknown };
  if (Array.isArray(errors) && !inside.has(err)) {
    inside.add(err);
    out.aggregateErrors = errors.map((e: unknown) => (e instanceof Error ? (inside.has(e) ? '[circular]' : redactError(e, inside)) : redact(e)));
    inside.delete(err);
  }
  return out;
}
