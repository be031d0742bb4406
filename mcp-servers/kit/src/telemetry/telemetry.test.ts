import { Writable } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { sharedPglite, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';
import { createLogger } from './logger.ts';

describe('telemetry', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
  let h: KitHarness;
  beforeAll(async () => {
    h = await kitHarness(await sharedPglite(), { tracer: provider.getTracer('test'), logger: createLogger({ level: 'info', destination: sink }) });
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => h.cleanup());

  it('records one span per tool call with tool, principal kind, decision, outcome and duration', async () => {
    await h.call(principals.alice, 'issue_refund', { customer_id: 'alice', order_id: '#T1', amount: 300 });
    await h.call(principals.alice, 'issue_refund', { customer_id: 'alice', order_id: '#T2', amount: 3 });
    const spans = exporter.getFinishedSpans().map((s) => s.attributes);
    expect(spans).toEqual([
      expect.objectContaining({ 'commerce.tool': 'issue_refund', 'commerce.principal.kind': 'customer', 'commerce.decision': 'approve', 'commerce.outcome': 'APPROVAL_REQUIRED', 'commerce.duration_ms': expect.any(Number) }),
      expect.objectContaining({ 'commerce.tool': 'issue_refund', 'commerce.decision': 'allow', 'commerce.outcome': 'ok' }),
    ]);
  });

  it('logs each call as JSON with the ledger redaction', () => {
    const logger = createLogger({ level: 'info', destination: sink });
    logger.info({ email: 'sam@example.com', order_id: '#W1' }, 'contact sam@example.com');
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ order_id: '#W1', email: expect.stringMatching(/^hmac:[0-9a-f]{16}$/) });
    expect(lines.join('')).not.toContain('sam@example.com"');
    expect(lines.some((l) => l.includes('"tool":"issue_refund"') && l.includes('"outcome":"ok"'))).toBe(true);
  });
});
