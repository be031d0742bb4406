import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../knowledge-base.ts';
import { parsePolicy, PolicyLibrary } from '../policies/policy-library.ts';
import { openEmbeddedStore } from '../store/embedded-store.ts';

const returns = (days: number) =>
  `---\nid: returns\ntitle: Returns\nversion: 2026.1\neffective: 2026-01-15\n---\n# Returns\n\n## Return window\n\nItems can be returned within ${days} days of the delivery date.\n`;
const library = (days: number) => new PolicyLibrary([parsePolicy(returns(days), 'returns.md')]);

describe('policy index currency', () => {
  it('re-indexes a document edited without a version bump, so search serves the text get_policy_section serves', async () => {
    const store = await openEmbeddedStore();
    const first = await KnowledgeBase.open({ store, library: library(30) });
    expect(await first.ensurePolicies()).toBe(1);
    expect(await first.ensurePolicies()).toBe(0);

    const edited = await KnowledgeBase.open({ store, library: library(14) });
    expect(edited.policies.isCurrent(edited.library)).toBe(false);
    expect(await edited.ensurePolicies()).toBe(1);
    const [hit] = await edited.policies.search('how many days to return an item', { limit: 1 });
    expect(hit).toMatchObject({ chunk_id: 'returns#return-window', version: '2026.1' });
    expect(hit?.text).toContain('14 days');
    expect(edited.library.chunk('returns#return-window')?.text).toContain('14 days');
  });
});
