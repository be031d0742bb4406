import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, toolFor } from './tool.ts';

const definition = (name: string, nameException?: string) => ({
  name,
  nameException,
  title: 'T',
  description: 'd',
  kind: 'read' as const,
  input: { q: z.string().describe('q') },
  output: { q: z.string().describe('q') },
  handler: async ({ q }: { q: string }) => ({ q }),
});

describe('tool names', () => {
  it('accept snake_case verb_noun names and refuse others, saying how to opt out', () => {
    expect(defineTool(definition('cancel_pending_order')).name).toBe('cancel_pending_order');
    expect(toolFor<unknown>()(definition('get_v2_price')).name).toBe('get_v2_price');
    for (const bad of ['think', 'cancelOrder', 'Cancel_order', 'cancel-order', 'cancel__order', '_cancel', 'cancel_']) {
      expect(() => defineTool(definition(bad)), bad).toThrow(`tool name "${bad}" must be snake_case verb_noun`);
    }
    expect(() => defineTool(definition('calculate'))).toThrow(/needs nameException with the reason/);
  });

  it('take a one-word (or other snake_case) name given from outside only with a stated nameException', () => {
    expect(defineTool(definition('think', 'tau-bench tool name')).name).toBe('think');
    expect(toolFor<unknown>()(definition('calculate', 'tau-bench tool name')).nameException).toBe('tau-bench tool name');
    expect(() => defineTool(definition('think', '  '))).toThrow(/nameException must say why the name is exempt/);
    expect(() => defineTool(definition('Think', 'tau-bench tool name'))).toThrow(/must be lower-case snake_case/);
    expect(() => defineTool(definition('think-hard', 'tau-bench tool name'))).toThrow(/must be lower-case snake_case/);
  });
});
