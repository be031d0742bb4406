import { APPROVE_SCOPE, createLogger, hasScope, isCommerceError, type ErrorCode, type Principal } from '@agentic-commerce/kit';
import { bodyLimit } from 'hono/body-limit';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { ConversationNotFound, type SupportService } from '../service/support-service.ts';
import { ApiError, principalOf, requireOperator, type Authenticate } from './api-auth.ts';
import { openApiDocument } from './openapi.ts';

const newConversation = z.strictObject({ customerId: z.string().min(1).optional().describe('signed-in customer (service/operator tokens only)') });
const newMessage = z.strictObject({
  text: z.string().trim().min(1, 'a message must have 1 to 4000 characters').max(4000, 'a message must have 1 to 4000 characters').describe('the customer message'),
  messageId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'messageId must be 1 to 128 letters, digits or _ . : -').optional()
    .describe('the client id of this message: sending it again (a retry after a lost answer or a 503) continues or replays that turn instead of adding the message twice'),
});
const decisionBody = z.object({ conversationId: z.string().min(1).describe('the conversation waiting on the approval') }).passthrough();

async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'INVALID_ARGUMENT', 'the request body must be JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'INVALID_ARGUMENT', parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  return parsed.data;
}

/**
 * Who may use a conversation: its own customer (others answer like missing ones), or the back office — a service,
 * operator or admin token with the "conversations" scope (operators with the approvals scope may read, to review what
 * they approve). Agent tokens are minted for the MCP servers, one conversation each; they are refused here.
 */
async function assertParticipant(service: SupportService, principal: Principal, conversationId: string, access: 'read' | 'write'): Promise<void> {
  if (principal.kind === 'customer') {
    if ((await service.customerOf(conversationId)) !== principal.customerId) throw new ApiError(404, 'NOT_FOUND', `conversation ${conversationId} does not exist`);
    return;
  }
  assertBackOffice(principal, access);
}

function assertBackOffice(principal: Principal, access: 'read' | 'write'): void {
  if (principal.kind === 'agent') throw new ApiError(403, 'FORBIDDEN', `agent tokens are for the MCP servers, not this API; ${principal.id} is an agent`);
  const reviewing = access === 'read' && (principal.kind === 'operator' || principal.kind === 'admin') && hasScope(principal, APPROVE_SCOPE);
  if (!hasScope(principal, CONVERSATIONS_SCOPE) && !reviewing) {
    throw new ApiError(403, 'FORBIDDEN', `${access === 'read' ? 'reading' : 'running'} conversations needs a customer token or a ${principal.kind} token with the "${CONVERSATIONS_SCOPE}" scope${access === 'read' ? ` (or, for an operator or admin, "${APPROVE_SCOPE}")` : ''}; ${principal.id} has [${principal.scopes.join(', ')}]`);
  }
}

/** The scope a back-office token needs to open and run conversations. */
export const CONVERSATIONS_SCOPE = 'conversations';

const MAX_BODY_BYTES = 256 * 1024;

/** The HTTP status of each error code the kit and the graph share. */
const HTTP_STATUS = {
  INVALID_ARGUMENT: 400, NOT_FOUND: 404, UNAUTHENTICATED: 401, FORBIDDEN: 403, FAILED_PRECONDITION: 409, POLICY_DENIED: 403,
  APPROVAL_REQUIRED: 409, CONFLICT: 409, RATE_LIMITED: 429, UNAVAILABLE: 503, INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

export interface ApiOptions {
  /** Served at GET /metrics without a token (Prometheus text), e.g. the action runtime's `metrics.registry`. */
  metrics?: { contentType: string; metrics(): Promise<string> } | undefined;
}

/** The HTTP API: conversations (JSON or SSE), approvals for operators, transcripts, the ledger, OpenAPI, metrics. */
export function createApi(service: SupportService, authenticate: Authenticate, logger: ReturnType<typeof createLogger> = createLogger(), options: ApiOptions = {}): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message } }, error.status);
    if (error instanceof ConversationNotFound) return c.json({ error: { code: 'NOT_FOUND', message: error.message } }, 404);
    if (error instanceof z.ZodError) return c.json({ error: { code: 'INVALID_ARGUMENT', message: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } }, 400);
    if (error instanceof RangeError) return c.json({ error: { code: 'INVALID_ARGUMENT', message: error.message } }, 400);
    if (isCommerceError(error)) return c.json({ error: { code: error.code, message: error.message } }, HTTP_STATUS[error.code]);
    // Anything else is a bug or an outage: the operator gets the details in the log, the caller a safe message.
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'HTTP API request failed');
    return c.json({ error: { code: 'INTERNAL', message: 'internal error; the operator has the details' } }, 500);
  });
  // Bodies are small JSON (a message is at most 4,000 characters): refuse large ones before reading them.
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: { code: 'INVALID_ARGUMENT', message: `request body over ${MAX_BODY_BYTES} bytes, the most this API accepts` } }, 413) }));

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/openapi.json', (c) => c.json(openApiDocument));
  const metrics = options.metrics;
  if (metrics) app.get('/metrics', async (c) => c.body(await metrics.metrics(), 200, { 'content-type': metrics.contentType }));

  app.post('/conversations', async (c) => {
    const principal = await principalOf(c, authenticate);
    const input = await body(c, newConversation);
    if (principal.kind === 'customer' && input.customerId && input.customerId !== principal.customerId) {
      throw new ApiError(403, 'FORBIDDEN', 'a customer token can only open conversations for its own customer');
    }
    if (principal.kind !== 'customer') assertBackOffice(principal, 'write');
    const customerId = principal.kind === 'customer' ? principal.customerId : input.customerId;
    return c.json(await service.startConversation({ customerId, principalKind: principal.kind }), 201);
  });

  app.post('/conversations/:id/messages', async (c) => {
    const principal = await principalOf(c, authenticate);
    const id = c.req.param('id');
    await assertParticipant(service, principal, id, 'write');
    const { text, messageId } = await body(c, newMessage);
    // Apart from the worker's job ids and from other participants' ids: one caller's id never replays another's message.
    const options = messageId ? { messageId: `api:${principal.kind}:${principal.id}:${messageId}` } : {};
    if (!(await service.exists(id))) throw new ConversationNotFound(`conversation ${id} does not exist; create one with POST /conversations`);
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) return c.json(await service.sendMessage(id, text, undefined, options));
    return streamSSE(c, async (sse) => {
      try {
        const outcome = await service.sendMessage(id, text, (e) => void sse.writeSSE({ event: e.type, data: JSON.stringify(e) }), options);
        await sse.writeSSE({ event: 'done', data: JSON.stringify(outcome) });
      } catch (error) {
        // Over SSE the status (200) is sent with the stream's start: a refusal arrives as an `error` event with its code.
        const known = isCommerceError(error) ? { code: error.code, message: error.message }
          : error instanceof ConversationNotFound ? { code: 'NOT_FOUND', message: error.message }
            : error instanceof RangeError ? { code: 'INVALID_ARGUMENT', message: error.message } : undefined;
        if (!known) logger.error({ err: error, path: c.req.path }, 'HTTP API stream failed');
        await sse.writeSSE({ event: 'error', data: JSON.stringify({ error: known ?? { code: 'INTERNAL', message: 'internal error; the operator has the details' } }) });
      }
    });
  });

  app.get('/conversations/:id/transcript', async (c) => {
    const principal = await principalOf(c, authenticate);
    await assertParticipant(service, principal, c.req.param('id'), 'read');
    return c.json({ conversationId: c.req.param('id'), lines: await service.transcript(c.req.param('id')) });
  });

  app.get('/conversations/:id/ledger', async (c) => {
    const principal = await principalOf(c, authenticate);
    await assertParticipant(service, principal, c.req.param('id'), 'read');
    return c.json({ conversationId: c.req.param('id'), entries: await service.ledger(c.req.param('id')) });
  });

  app.get('/approvals', async (c) => {
    requireOperator(await principalOf(c, authenticate));
    return c.json({ approvals: await service.pendingApprovals() });
  });

  app.post('/approvals/:id', async (c) => {
    const operator = await principalOf(c, authenticate);
    requireOperator(operator);
    const { conversationId, ...decision } = await body(c, decisionBody);
    return c.json(await service.resolveApproval(conversationId, c.req.param('id'), operator, decision));
  });

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}; see GET /openapi.json` } }, 404));
  return app;
}
