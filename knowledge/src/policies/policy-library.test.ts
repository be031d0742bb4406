import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyLibrary } from './policy-library.ts';
import { hasSection } from '@agentic-commerce/kit/policy/policy-evidence';

describe('PolicyLibrary', () => {
  it('loads every shipped policy, chunked by section with stable ids and versions', async () => {
    const library = await PolicyLibrary.load();
    expect(library.documents.map((d) => d.id)).toEqual([
      'exchanges', 'loyalty', 'order-changes', 'privacy', 'refunds', 'returns', 'shipping-and-delivery', 'warranty',
    ]);
    expect(library.chunk('returns#return-window')).toMatchObject({ heading: 'Return window', version: '2026.1', text: expect.stringMatching(/30 days of the delivery date/) });
    expect(library.chunk('order-changes#cancelling-an-order')?.text).toMatch(/"no longer needed" or "ordered by mistake"/);
  });

  it('resolves a {doc, section} citation to the chunk id and version', async () => {
    const library = await PolicyLibrary.load();
    expect(library.cite({ doc: 'refunds', section: 'refund-timing' })).toEqual({
      chunkId: 'refunds#refund-timing', doc: 'refunds', section: 'refund-timing', version: '2026.1', title: 'Refunds Policy: Refund timing',
    });
    expect(() => library.cite({ doc: 'returns', section: 'nope' })).toThrow(/policy "returns" has no section "nope"; sections: overview, eligibility, return-window/);
    expect(() => library.cite({ doc: 'nope', section: 'x' })).toThrow(/no policy document "nope"; documents: exchanges/);
  });

  it('has every section the action layer\'s default policy cites as evidence', async () => {
    const library = await PolicyLibrary.load();
    const yaml = await readFile(new URL('../../../mcp-servers/kit/policy/default-policy.yaml', import.meta.url), 'utf8');
    const refs = [...yaml.matchAll(/doc: ([a-z0-9-]+), section: ([a-z0-9-]+)/g)].map((m) => ({ doc: m[1] as string, section: m[2] as string }));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(library.cite(ref).chunkId).toBe(`${ref.doc}#${ref.section}`);
  });

  it('rejects a document without frontmatter or with a bad date, saying what is expected', () => {
    expect(() => parsePolicy('# Title\n', 'a.md')).toThrow(/a.md: a policy starts with a frontmatter block/);
    expect(() => parsePolicy('---\nid: a\ntitle: A\nversion: 1\neffective: soon\n---\n', 'a.md')).toThrow(/effective: a date YYYY-MM-DD/);
  });
});

describe('section ids shared with the action layer', () => {
  it('gives chunks the ids the kit resolves evidence by: overview, punctuation, en dash', () => {
    const markdown = "---\nid: shipping\ntitle: Shipping\nversion: 1\neffective: 2026-01-01\n---\n# Shipping\n\nIntro.\n\n## Don't ship to P.O. boxes\nNo.\n## 5–7 business days\nStandard.\n";
    const sections = parsePolicy(markdown, 'shipping.md').chunks.map((c) => c.section);
    expect(sections).toEqual(['overview', 'dont-ship-to-po-boxes', '5-7-business-days']);
    for (const section of sections) expect(hasSection(markdown, section), section).toBe(true);
  });
});
