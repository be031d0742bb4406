import { z } from 'zod';
import { benchmarkTool } from './benchmark-tool.ts';

export const think = benchmarkTool({
  name: 'think',
  title: 'Think',
  description:
    'Think about something without obtaining new information or changing anything, e.g. to plan several steps or check a policy rule before acting. The thought is only echoed back.',
  kind: 'read',
  input: { thought: z.string().describe('A thought to think about.') },
  output: { thought: z.string().describe('the same thought, echoed') },
  async handler({ thought }) {
    return { thought };
  },
});
