import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let dir: string;
async function knowledge(...args: string[]): Promise<{ out: string; progress: string }> {
  const lines: string[] = [];
  const progress = new PassThrough();
  let bar = '';
  progress.on('data', (chunk: Buffer) => (bar += chunk.toString()));
  await runCli(args, { out: (line) => lines.push(line), progress: progress as unknown as NodeJS.WriteStream });
  return { out: lines.join('\n'), progress: bar };
}

describe('pnpm knowledge (CLI commands)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'knowledge-cli-'));
    process.env.KNOWLEDGE_DATA_DIR = dir;
    process.env.KNOWLEDGE_STORE = 'embedded';
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('ingests with progress, then searches products and policies from the persisted index', async () => {
    const ingest = await knowledge('ingest');
    expect(ingest.out).toMatch(/indexed 591 variants from tau-bench and 47 policy sections into the embedded store/);
    expect(ingest.progress).toMatch(/100% 591\/591 variants/);
    const search = await knowledge('search', 'blue yoga mat under $100', '--limit', '3');
    expect(search.out).toMatch(/understood: price ≤ 100/);
    expect(search.out).toMatch(/ 1\. Yoga Mat — .*color: blue/);
    const policies = await knowledge('search', '--policies', 'how many days to return an item', '--limit', '2');
    expect(policies.out).toMatch(/\[returns#return-window v2026\.1\]/);
    expect((await knowledge('status')).out).toBe('embedded store: 591 variants indexed, 47 current policy sections');
  });

  it('applies change events from a file, re-indexes by hash, and says which event line is wrong', async () => {
    const events = join(dir, 'events.jsonl');
    await writeFile(events, `${JSON.stringify({ type: 'product.deleted', productId: '4635925001' })}\n`);
    expect((await knowledge('apply', events)).out).toBe('applied 1 events: 0 variants upserted, 5 deleted, 0 patched');
    expect((await knowledge('reindex')).out).toBe('re-indexed 5 changed variants, removed 0, kept 586; 0 policy sections updated');
    await writeFile(events, `${JSON.stringify({ type: 'price.changed' })}\n`);
    await expect(knowledge('apply', events)).rejects.toThrow(/events.jsonl:1: not a catalog event .*types: product.upserted/);
  });

  it('rejects an unknown command and a bad limit with what is accepted', async () => {
    await expect(knowledge('bogus')).rejects.toThrow(/unknown command "bogus"/);
    await expect(knowledge('search', 'x', '--limit', '0')).rejects.toThrow(/--limit must be a whole number from 1 to 50, got "0"/);
    await expect(knowledge('ingest', '--source', 'erp')).rejects.toThrow(/--source must be "tau-bench" or "synthetic", got "erp"/);
  });
});
