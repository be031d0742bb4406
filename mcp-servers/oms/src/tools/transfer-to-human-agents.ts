import { z } from 'zod';
import { tool } from './tool.ts';

export const transferToHumanAgents = tool({
  name: 'transfer_to_human_agents',
  title: 'Transfer to a human agent',
  description:
    "Transfer the customer to a human agent, with a summary of the issue. Only transfer if the customer explicitly asks for a human, or if the request cannot be handled with the available tools and the store's policy.",
  kind: 'read',
  input: { summary: z.string().min(1).describe("A summary of the user's issue.") },
  output: {
    transferred: z.boolean().describe('true: a human agent takes over this conversation'),
    summary: z.string().describe('the summary handed to the human agent'),
  },
  async handler({ summary }) {
    return { transferred: true, summary };
  },
});
