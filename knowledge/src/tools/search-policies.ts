import { z } from 'zod';
import { policyHitShape } from './output-shapes.ts';
import { tool } from './tool.ts';

export const searchPolicies = tool({
  name: 'search_policies',
  title: 'Search store policies',
  description:
    'Finds the sections of the store\'s policies (returns, exchanges, refunds, order changes and cancellation, shipping and delivery, ' +
    'warranty, loyalty, privacy) that answer a question. Answer from the returned text only and cite chunk id and version.',
  kind: 'read',
  input: {
    query: z.string().min(1).max(500).describe('the question, e.g. "how long do refunds take"'),
    doc: z.string().regex(/^[a-z0-9-]+$/).optional().describe('only this policy document, e.g. "returns"'),
    limit: z.number().int().min(1).max(10).default(3).describe('how many sections to return (1-10, default 3)'),
  },
  output: { hits: z.array(policyHitShape).describe('matching policy sections, best first') },
  async handler({ query, doc, limit }, ctx) {
    const hits = await ctx.backend.policies.search(query, { doc, limit });
    for (const hit of hits) ctx.cite({ kind: 'policy', id: hit.chunk_id, version: hit.version });
    return { hits };
  },
});
