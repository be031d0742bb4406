import { pino, type Logger } from 'pino';
import { redact, redactText } from '../ledger/redact.ts';

/**
 * Structured JSON logs on stderr (stdout belongs to the stdio MCP transport), with the ledger's PII redaction applied
 * to every logged object. LOG_LEVEL sets the level; under vitest the default is "silent".
 */
export function createLogger(options: { level?: string; name?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino(
    {
      name: options.name ?? 'commerce',
      level,
      formatters: { log: (object) => redact(object) as Record<string, unknown> },
      // Messages too: an email or phone number in a message string is fingerprinted like in a field.
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}
