import { describe, expect, it } from 'vitest';
import { hasSection } from './policy-evidence.ts';
import { sectionSlug, splitPolicySections } from './policy-sections.ts';

const doc = [
  '---',
  'id: shipping',
  'version: 2026.1',
  '---',
  '# Shipping',
  '',
  'Intro text before any section.',
  '',
  "## Don't ship to P.O. boxes",
  'We cannot deliver to P.O. boxes.',
  '## 5–7 business days',
  'Standard delivery.',
  '## Returns & exchanges — Café',
  'See returns.',
  '### A subheading is part of its section',
].join('\n');

describe('policy section ids', () => {
  it('slugs headings with punctuation, dashes and accents', () => {
    expect(sectionSlug("Don't ship to P.O. boxes")).toBe('dont-ship-to-po-boxes');
    expect(sectionSlug('5–7 business days')).toBe('5-7-business-days');
    expect(sectionSlug('Returns & exchanges — Café')).toBe('returns-exchanges-cafe');
    expect(sectionSlug('Version 2.5 rules')).toBe('version-2-5-rules');
    expect(sectionSlug('Refund timing')).toBe('refund-timing');
  });

  it('splits a document into overview and one section per "## " heading', () => {
    expect(splitPolicySections(doc).map((s) => s.id)).toEqual(['overview', 'dont-ship-to-po-boxes', '5-7-business-days', 'returns-exchanges-cafe']);
  });

  it('resolves evidence by exactly those ids', () => {
    for (const id of ['overview', 'dont-ship-to-po-boxes', '5-7-business-days', 'returns-exchanges-cafe']) expect(hasSection(doc, id), id).toBe(true);
    for (const id of ['57-business-days', 'don-t-ship-to-p-o-boxes', 'shipping', 'a-subheading-is-part-of-its-section']) expect(hasSection(doc, id), id).toBe(false);
  });
});
