import { z } from 'zod';
import { tool } from './tool.ts';

export const think = tool({
  name: 'think',
  nameException: 'tau-bench tool name',
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
