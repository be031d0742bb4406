import { z } from 'zod';
import { calculate as evaluate } from '../domain/calculate.ts';
import { tool } from './tool.ts';

export const calculate = tool({
  name: 'calculate',
  nameException: 'tau-bench tool name',
  title: 'Calculate',
  description: 'Calculate the result of a mathematical expression (e.g. a refund total). Use it instead of doing arithmetic in your head.',
  kind: 'read',
  input: {
    expression: z
      .string()
      .min(1)
      .describe("The mathematical expression to calculate, such as '2 + 2'. The expression can contain numbers, operators (+, -, *, /), parentheses, and spaces."),
  },
  output: { result: z.number().describe('the value, rounded to 2 decimals') },
  async handler({ expression }) {
    return { result: evaluate(expression) };
  },
});
