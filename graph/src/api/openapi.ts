/** The API's OpenAPI 3.1 document (served at GET /openapi.json). */
const bearer = [{ bearer: [] }];
const error = { $ref: '#/components/schemas/Error' };
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const errors = {
  '400': { description: 'invalid input', ...json(error) }, '401': { description: 'no or bad token', ...json(error) },
  '403': { description: 'not allowed (scope, binding or policy)', ...json(error) }, '404': { description: 'not found', ...json(error) },
  '409': { description: 'wrong state, conflict, or an approval is required', ...json(error) }, '413': { description: 'request body over 256 KiB', ...json(error) },
  '429': { description: 'rate limited', ...json(error) }, '500': { description: 'internal error (details in the server log)', ...json(error) },
  '503': { description: 'a dependency is unavailable: retry', ...json(error) },
};
const idParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Agentic commerce support API', version: '0.1.0', description: 'Conversations with the support graph, operator approvals and the signed action ledger.' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (kit token)' } },
    schemas: {
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
      TurnEvent: { type: 'object', required: ['type'], properties: { type: { enum: ['routed', 'tool_call', 'tool_result', 'confirmation_required', 'approval_required', 'message', 'handoff'] } }, additionalProperties: true },
      TurnOutcome: {
        type: 'object',
        properties: {
          conversationId: { type: 'string' },
          reply: { type: 'string', description: 'the text the customer sees' },
          awaiting: { enum: ['customer', 'confirmation', 'approval', 'human'] },
          events: { type: 'array', items: { $ref: '#/components/schemas/TurnEvent' } },
          approval: { type: 'object', description: 'the approval request the turn paused on' },
          notice: { type: 'string', description: 'for the operator: the kit had already settled the approval (expired, or resolved elsewhere), so the conversation resumed with that decision' },
        },
      },
      Decision: {
        type: 'object',
        required: ['conversationId', 'decision'],
        properties: {
          conversationId: { type: 'string' },
          decision: { enum: ['approve', 'reject', 'edit'] },
          note: { type: 'string' },
          arguments: { type: 'object', description: 'decision=edit: the replacement arguments' },
        },
      },
    },
  },
  security: bearer,
  paths: {
    '/health': { get: { summary: 'Liveness', security: [], responses: { '200': { description: 'ok' } } } },
    '/metrics': { get: { summary: "Prometheus metrics of the action layer (served when configured, as by pnpm start)", security: [], responses: { '200': { description: 'Prometheus text format' } } } },
    '/conversations': {
      post: {
        summary: 'Create a conversation',
        description: 'A customer token binds the conversation to that customer; a service, operator or admin token with the "conversations" scope may pass customerId, or none (the agent authenticates the customer in the chat). Agent tokens are refused.',
        requestBody: json({ type: 'object', properties: { customerId: { type: 'string' } } }),
        responses: { '201': { description: 'created', ...json({ type: 'object', properties: { conversationId: { type: 'string' } } }) }, ...errors },
      },
    },
    '/conversations/{id}/messages': {
      post: {
        summary: 'Post a customer message and get the reply (409 while an approval is pending)',
        description: 'With "Accept: text/event-stream" the turn streams as SSE: one event per TurnEvent (event name = type), then "done" with the TurnOutcome.',
        parameters: [idParam('id', 'conversation id')],
        requestBody: json({ type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1, maxLength: 4000 }, messageId: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$', description: 'client id of the message: sent again, the turn is continued or replayed, not repeated' } } }),
        responses: { '200': { description: 'the turn', ...json({ $ref: '#/components/schemas/TurnOutcome' }), content: { 'application/json': { schema: { $ref: '#/components/schemas/TurnOutcome' } }, 'text/event-stream': { schema: { type: 'string' } } } }, ...errors },
      },
    },
    '/conversations/{id}/transcript': { get: { summary: 'The conversation with PII redacted', parameters: [idParam('id', 'conversation id')], responses: { '200': { description: 'lines' }, ...errors } } },
    '/conversations/{id}/ledger': { get: { summary: "The kit's signed ledger entries of this conversation", parameters: [idParam('id', 'conversation id')], responses: { '200': { description: 'entries' }, ...errors } } },
    '/approvals': { get: { summary: 'Pending approvals (operator token)', responses: { '200': { description: 'approval requests' }, ...errors } } },
    '/approvals/{id}': {
      post: {
        summary: 'Approve, reject or edit-and-approve (operator token); the paused conversation resumes',
        parameters: [idParam('id', 'approval id')],
        requestBody: json({ $ref: '#/components/schemas/Decision' }),
        responses: { '200': { description: 'the resumed turn', ...json({ $ref: '#/components/schemas/TurnOutcome' }) }, ...errors },
      },
    },
  },
} as const;
