import { CommerceError, createLogger } from '@agentic-commerce/kit';
import { signToken, tokenAuthenticator } from '@agentic-commerce/kit/identity/token';
import { describe, expect, it } from 'vitest';
import type { SupportService } from '../service/support-service.ts';
import { createApi } from './create-api.ts';

const secret = 'test-secret-test-secret-test-secret-0123456789';
const auth = `Bearer ${signToken(secret, { principal: { kind: 'service', id: 'svc:web', scopes: ['conversations'] } })}`;
/** An API over a service whose every call fails with `error`, logging into `logged`. */
function failingApi(error: unknown, logged: string[] = []) {
  const service = new Proxy({}, { get: () => async () => { throw error; } }) as SupportService;
  const destination = { write: (line: string) => void logged.push(line) } as unknown as NodeJS.WritableStream;
  return createApi(service, tokenAuthenticator(secret), createLogger({ level: 'error', destination }));
}
const post = (app: ReturnType<typeof createApi>, body: string) =>
  app.request('/conversations', { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body });

describe('HTTP API errors', () => {
  it('answers each error code with its HTTP status', async () => {
    for (const [code, status] of [['UNAVAILABLE', 503], ['RATE_LIMITED', 429], ['CONFLICT', 409], ['POLICY_DENIED', 403], ['INVALID_ARGUMENT', 400]] as const) {
      const res = await post(failingApi(new CommerceError(code, `it was ${code}`)), '{}');
      expect(res.status, code).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: `it was ${code}` } });
    }
  });

  it('never shows the caller what an unexpected error says; the log has it', async () => {
    const logged: string[] = [];
    const res = await post(failingApi(new Error('relation "secret_schema.orders" does not exist'), logged), '{}');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error; the operator has the details' } });
    expect(logged.join('')).toContain('secret_schema.orders');
  });

  it('refuses a body over 256 KiB with 413 before reading it', async () => {
    const res = await post(failingApi(new Error('not reached')), JSON.stringify({ customerId: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'INVALID_ARGUMENT', message: 'request body over 262144 bytes, the most this API accepts' } });
  });
});
