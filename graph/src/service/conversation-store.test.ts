import { dropPrefixedSchemas, testEngines, uniquePrefix, DATABASE_START_TIMEOUT_MS } from '@agentic-commerce/kit/testing/test-database';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryConversationStore, type ConversationStore } from './conversation-store.ts';
import { openSqlConversationStore } from './sql-conversation-store.ts';

const prefix = uniquePrefix();
const stores: { name: string; open: () => Promise<ConversationStore> }[] = [
  { name: 'memory', open: async () => memoryConversationStore() },
  ...testEngines().map((e) => ({ name: e.name, open: async () => openSqlConversationStore(await e.open(), `${prefix}_${e.name}`) })),
];
afterAll(async () => {
  for (const e of testEngines()) await dropPrefixedSchemas(await e.open(), prefix);
});

describe.each(stores)('conversation store: $name', ({ open }) => {
  it('notes which conversations are paused on an approval, oldest first, and forgets them once resumed', async () => {
    const store = await open();
    await store.save({ id: 'c1', customerId: 'sara', principalKind: 'customer', createdAt: '2026-11-28T10:00:00.000Z' });
    await store.save({ id: 'c2', principalKind: 'service', createdAt: '2026-11-28T11:00:00.000Z' });
    await store.save({ id: 'c3', principalKind: 'service', createdAt: '2026-11-28T12:00:00.000Z' });
    expect(await store.awaiting()).toEqual([]);
    await store.setAwaiting('c3', 'apr_3');
    await store.setAwaiting('c1', 'apr_1');
    await store.setAwaiting('missing', 'apr_x'); // unknown ids change nothing
    expect(await store.awaiting()).toEqual([{ id: 'c1', approvalId: 'apr_1' }, { id: 'c3', approvalId: 'apr_3' }]);
    await store.setAwaiting('c1', undefined);
    // Saving an existing id changes nothing (its customer above all) and answers what is stored.
    expect(await store.save({ id: 'c1', customerId: 'mallory', principalKind: 'service', createdAt: '2026-11-28T13:00:00.000Z' })).toEqual({ id: 'c1', customerId: 'sara', principalKind: 'customer', createdAt: '2026-11-28T10:00:00.000Z' });
    await store.save({ id: 'c3', principalKind: 'service', createdAt: '2026-11-28T13:00:00.000Z' }); // keeps the note
    expect(await store.awaiting()).toEqual([{ id: 'c3', approvalId: 'apr_3' }]);
    expect(await store.ids()).toEqual(['c1', 'c2', 'c3']);
  }, DATABASE_START_TIMEOUT_MS);

  it('records one of two racing saves of a new id, and answers both with what it stored', async () => {
    const store = await open();
    const answers = await Promise.all(['ann', 'bob'].map((customerId) => store.save({ id: 'race-1', customerId, principalKind: 'service', createdAt: '2026-11-28T14:00:00.000Z' })));
    expect(new Set(answers.map((a) => a.customerId)).size).toBe(1);
    expect((await store.get('race-1'))?.customerId).toBe(answers[0]!.customerId);
  }, DATABASE_START_TIMEOUT_MS);
});
