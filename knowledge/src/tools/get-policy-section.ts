import { z } from 'zod';
import { citationShape } from './output-shapes.ts';
import { tool } from './tool.ts';

export const getPolicySection = tool({
  name: 'get_policy_section',
  title: 'Get a policy section',
  description:
    'One section of a store policy by document and section id (as cited by search_policies or by a policy decision), ' +
    'with its text and the document version in force.',
  kind: 'read',
  input: {
    doc: z.string().min(1).describe('policy document id, e.g. "returns"'),
    section: z.string().min(1).describe('section id, e.g. "return-window"'),
  },
  output: {
    chunk_id: z.string().describe('"<doc>#<section>"'),
    title: z.string().describe('document title and section heading'),
    version: z.string().describe('document version in force'),
    effective: z.string().describe('date the version took effect (YYYY-MM-DD)'),
    text: z.string().describe('the section text'),
    citation: citationShape,
  },
  async handler({ doc, section }, ctx) {
    const citation = ctx.backend.library.cite({ doc, section });
    const chunk = ctx.backend.library.chunk(citation.chunkId);
    ctx.cite({ kind: 'policy', id: citation.chunkId, version: citation.version });
    return {
      chunk_id: citation.chunkId,
      title: citation.title,
      version: citation.version,
      effective: chunk?.effective ?? '',
      text: chunk?.text ?? '',
      citation: { id: citation.chunkId, version: citation.version },
    };
  },
});
