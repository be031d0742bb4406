import { Annotation, Command, END, MemorySaver, START, StateGraph, interrupt, type BaseCheckpointSaver } from '@langchain/langgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefixedSchemas, sharedPglite, sharedPostgres, testPostgresUrl, uniquePrefix } from '@agentic-commerce/kit/testing/test-database';
import { embeddedCheckpointer, postgresCheckpointer } from './checkpointer-factory.ts';
import { pruneMemoryCheckpoints, pruneSqlCheckpoints, type PruneOptions, type PruneResult } from './prune-checkpoints.ts';

// PGlite takes seconds to start (much longer on a busy machine): pay it once, outside any test's timeout.
beforeAll(() => sharedPglite(), 300_000);

interface Subject {
  name: string;
  open(): Promise<{ saver: BaseCheckpointSaver; prune: (o: PruneOptions) => Promise<PruneResult>; close: () => Promise<void> }>;
}

const prefix = uniquePrefix();
const subjects: Subject[] = [
  {
    name: 'memory',
    async open() {
      const saver = new MemorySaver();
      return { saver, prune: (o) => pruneMemoryCheckpoints(saver, o), close: async () => undefined };
    },
  },
  {
    name: 'embedded (PGlite)',
    async open() {
      const db = await sharedPglite();
      const schema = `${prefix}_emb_${Math.random().toString(36).slice(2, 8)}`;
      const saver = embeddedCheckpointer(db, schema);
      await saver.setup();
      return { saver, prune: (o) => pruneSqlCheckpoints(db, schema, o), close: async () => undefined };
    },
  },
];
if (testPostgresUrl()) {
  subjects.push({
    name: 'postgres',
    async open() {
      const schema = `${prefix}_pg_${Math.random().toString(36).slice(2, 8)}`;
      const saver = postgresCheckpointer(testPostgresUrl()!, schema);
      await saver.setup();
      const db = await sharedPostgres();
      return { saver, prune: (o) => pruneSqlCheckpoints(db, schema, o), close: () => saver.end() };
    },
  });
}

afterAll(async () => {
  await dropPrefixedSchemas(await sharedPglite(), prefix);
  if (testPostgresUrl()) await dropPrefixedSchemas(await sharedPostgres(), prefix);
});

const Counter = Annotation.Root({
  count: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  answer: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
});

function counterGraph(saver: BaseCheckpointSaver) {
  return new StateGraph(Counter)
    .addNode('add', () => ({ count: 1 }))
    .addNode('ask', () => ({ answer: interrupt<string, string>('continue?') }))
    .addEdge(START, 'add')
    .addEdge('add', 'ask')
    .addEdge('ask', END)
    .compile({ checkpointer: saver });
}

describe.each(subjects)('checkpointer conformance: $name', { timeout: 180_000 }, (subject) => {
  it('persists state, interrupts and resumes across compiled graphs, isolates threads', async () => {
    const { saver, close } = await subject.open();
    const a = { configurable: { thread_id: 'a' } };
    const b = { configurable: { thread_id: 'b' } };
    await counterGraph(saver).invoke({}, a);
    await counterGraph(saver).invoke({}, b);
    const paused = await counterGraph(saver).getState(a);
    expect(paused.next).toEqual(['ask']);
    expect(paused.tasks[0]?.interrupts[0]?.value).toBe('continue?');
    const resumed = await counterGraph(saver).invoke(new Command({ resume: 'yes' }), a);
    expect(resumed).toMatchObject({ count: 1, answer: 'yes' });
    expect((await counterGraph(saver).getState(b)).values).toMatchObject({ count: 1, answer: '' });
    await close();
  });

  it('lists checkpoints newest first with limits, and deletes a thread', async () => {
    const { saver, close } = await subject.open();
    const config = { configurable: { thread_id: 'list' } };
    await counterGraph(saver).invoke({}, config);
    await counterGraph(saver).invoke(new Command({ resume: 'x' }), config);
    const all = [];
    for await (const t of saver.list(config)) all.push(t);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const ids = all.map((t) => t.checkpoint.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const limited = [];
    for await (const t of saver.list(config, { limit: 2 })) limited.push(t);
    expect(limited.map((t) => t.checkpoint.id)).toEqual(ids.slice(0, 2));
    const latest = await saver.getTuple(config);
    expect(latest?.checkpoint.id).toBe(ids[0]);
    await saver.deleteThread('list');
    expect(await saver.getTuple(config)).toBeUndefined();
    await close();
  });

  it('prunes to the last N checkpoints per thread and keeps the latest state loadable', async () => {
    const { saver, prune, close } = await subject.open();
    const config = { configurable: { thread_id: 'prune' } };
    for (let i = 0; i < 3; i++) {
      await counterGraph(saver).invoke({}, config);
      await counterGraph(saver).invoke(new Command({ resume: `r${i}` }), config);
    }
    const before = [];
    for await (const t of saver.list(config)) before.push(t.checkpoint.id);
    const result = await prune({ keepLast: 2 });
    expect(result.checkpoints).toBe(before.length - 2);
    const after = [];
    for await (const t of saver.list(config)) after.push(t.checkpoint.id);
    expect(after).toEqual(before.slice(0, 2));
    expect((await counterGraph(saver).getState(config)).values).toMatchObject({ count: 3, answer: 'r2' });
    await expect(prune({})).rejects.toThrow(/keepLast/);
    await close();
  });

  it('prunes checkpoints older than a time, never the latest', async () => {
    const { saver, prune, close } = await subject.open();
    const config = { configurable: { thread_id: 'old' } };
    await counterGraph(saver).invoke({}, config);
    await counterGraph(saver).invoke(new Command({ resume: 'done' }), config);
    await prune({ olderThan: new Date(Date.now() + 60_000) });
    const left = [];
    for await (const t of saver.list(config)) left.push(t);
    expect(left).toHaveLength(1);
    expect((await counterGraph(saver).getState(config)).values).toMatchObject({ count: 1, answer: 'done' });
    await close();
  });
});
