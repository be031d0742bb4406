import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { keyedWrites } from './testing/keyed-writes.ts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createActionRuntime } from './action-runtime.ts';
import type { Queryable } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { notFound } from './errors.ts';
import type { Principal } from './principal.ts';
import { registerTools, toolErrorOf } from './register-tools.ts';
import { dropPrefixedSchemas, sharedPglite, uniquePrefix, DATABASE_START_TIMEOUT_MS } from './testing/test-database.ts';
import { toolFor } from './tool.ts';
import { generateSigner } from './ledger/ledger-keys.ts';
import { testPolicy } from './testing/refunds-system.ts';

// A tiny "notes" system: enough to exercise the contract every real server uses.
const prefix = uniquePrefix();
const schema = `${prefix}_notes`;
const signer = generateSigner();
const backend = (q: Queryable) => ({
  get: async (id: string) => (await q.query<{ id: string; owner: string; text: string }>(`SELECT * FROM ${schema}.notes WHERE id = $1`, [id]))[0],
  put: async (id: string, owner: string, text: string) => void (await q.query(`INSERT INTO ${schema}.notes VALUES ($1, $2, $3)`, [id, owner, text])),
});
type Backend = ReturnType<typeof backend>;
const tool = toolFor<Backend>();

const getNote = tool({
  name: 'get_note',
  title: 'Get note',
  description: 'Read one note by id.',
  kind: 'read',
  input: { id: z.string().describe('note id') },
  output: { id: z.string().describe('note id'), text: z.string().describe('note text') },
  async handler({ id }, ctx) {
    const note = await ctx.backend.get(id);
    if (!note) throw notFound(`note ${id} not found`);
    await ctx.access.assertCustomer(note.owner, `note ${id} not found`);
    return { id: note.id, text: note.text };
  },
});

const addNote = tool({
  name: 'add_note',
  title: 'Add note',
  description: 'Write a note.',
  kind: 'write',
  compensation: { none: 'a test note is not taken back' },
  input: { id: z.string().describe('note id'), owner: z.string().describe('customer id'), text: z.string().min(1).describe('text') },
  output: { id: z.string().describe('note id') },
  assess: async ({ owner }) => ({ customerId: owner }),
  async handler({ id, owner, text }, ctx) {
    await ctx.backend.put(id, owner, text);
    return { id };
  },
});

async function connect(principal: Principal) {
  const db = await sharedPglite();
  const runtime = createActionRuntime({ db, defaultPrincipal: principal, schema: `${prefix}_kit`, policy: testPolicy(), signer });
  const server = new McpServer({ name: 'notes', version: '0.0.0' });
  registerTools(server, 'notes', [getNote, addNote], runtime, backend);
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '0.0.0' });
  await Promise.all([server.connect(a), client.connect(b)]);
  return keyedWrites(client); // a fresh key per write unless the test names one
}

const alice: Principal = { kind: 'customer', id: 'c:alice', customerId: 'alice', scopes: ['notes:read', 'notes:write'] };
const bob: Principal = { kind: 'customer', id: 'c:bob', customerId: 'bob', scopes: ['notes:read'] };

describe('registerTools', () => {
  beforeAll(async () => {
    await migrate(await sharedPglite(), schema, [{ version: 1, name: 'init', up: (s) => `CREATE TABLE ${s}.notes (id text PRIMARY KEY, owner text NOT NULL, text text NOT NULL)` }]);
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => dropPrefixedSchemas(await sharedPglite(), prefix));

  it('refuses to serve a write whose compensating tool it does not serve as a write, before registering anything', async () => {
    const runtime = createActionRuntime({ db: await sharedPglite(), schema: `${prefix}_kit`, policy: testPolicy(), signer });
    const server = new McpServer({ name: 'notes', version: '0.0.0' });
    const undone = tool({ ...addNote, compensation: { tool: 'delete_note', args: () => ({}) } });
    expect(() => registerTools(server, 'notes', [getNote, undone], runtime, backend)).toThrow(
      'notes: write tool "add_note" is compensated by "delete_note", which is not a write tool this server serves (tools: get_note, add_note)',
    );
    expect(() => registerTools(server, 'notes', [getNote, tool({ ...addNote, compensation: { tool: 'get_note', args: () => ({}) } })], runtime, backend)).toThrow('compensated by "get_note", which is not a write tool');
  });

  it('lists tools with annotations and the action-layer fields on writes', async () => {
    const client = await connect(alice);
    const { tools } = await client.listTools();
    const add = tools.find((t) => t.name === 'add_note');
    expect(add?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(Object.keys(add?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['idempotency_key', 'approval_id']));
    expect(tools.find((t) => t.name === 'get_note')?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('answers another customer\'s note exactly like a missing one', async () => {
    const client = await connect(alice);
    const written = await client.callTool({ name: 'add_note', arguments: { id: 'n1', owner: 'alice', text: 'hi' } });
    expect(written.structuredContent).toEqual({ id: 'n1' });
    const asBob = await connect(bob);
    const theirs = await asBob.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    const missing = await asBob.callTool({ name: 'get_note', arguments: { id: 'nope' } });
    expect(theirs.isError).toBe(true);
    expect(toolErrorOf(theirs)?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(theirs.content).replace('n1', 'X')).toBe(JSON.stringify(missing.content).replace('nope', 'X'));
  });

  it('refuses a write without the scope and a write for another customer, changing nothing', async () => {
    const asBob = await connect(bob);
    const denied = await asBob.callTool({ name: 'add_note', arguments: { id: 'n2', owner: 'bob', text: 'x' } });
    expect(denied.content).toEqual([{ type: 'text', text: expect.stringMatching(/^FORBIDDEN: .*"notes:write" scope/) }]);
    const client = await connect(alice);
    const other = await client.callTool({ name: 'add_note', arguments: { id: 'n3', owner: 'bob', text: 'x' } });
    expect(toolErrorOf(other)?.code).toBe('NOT_FOUND');
    expect(await (await sharedPglite()).query(`SELECT id FROM ${schema}.notes ORDER BY id`)).toEqual([{ id: 'n1' }]);
  });

  it('refuses a write without an idempotency key, saying what to send, and changes nothing', async () => {
    const client = await connect(alice);
    const raw = (name: string, args: Record<string, unknown>) => client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema);
    const keyless = await raw('add_note', { id: 'n5', owner: 'alice', text: 'x' });
    expect(keyless.isError).toBe(true);
    expect(toolErrorOf(keyless)).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('idempotency_key is required on every write: send a new key for each action you intend and the same key when retrying it') });
    expect((await client.listTools()).tools.find((t) => t.name === 'add_note')?.inputSchema.required).toContain('idempotency_key');
    expect((await raw('get_note', { id: 'n1' })).isError).toBeFalsy(); // reads take no key
    expect(await (await sharedPglite()).query(`SELECT id FROM ${schema}.notes WHERE id = 'n5'`)).toEqual([]);
  });

  it('reports malformed arguments as a tool error naming the field', async () => {
    const client = await connect(alice);
    const bad = await client.callTool({ name: 'add_note', arguments: { id: 'n4', owner: 'alice', text: '' } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/text/);
  });

  it('returns tool errors that the SDK client accepts after listing the tools (output schemas are validated)', async () => {
    const client = await connect(alice);
    await client.listTools();
    const missing = await client.callTool({ name: 'get_note', arguments: { id: 'nope' } });
    expect(missing.isError).toBe(true);
    expect(missing.structuredContent).toBeUndefined();
    expect(toolErrorOf(missing)).toEqual({ code: 'NOT_FOUND', message: 'note nope not found' });
  });
});
