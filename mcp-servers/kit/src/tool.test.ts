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

describe('tool compensations', () => {
  const write = (compensation?: unknown) => ({ ...definition('credit_wallet'), kind: 'write' as const, ...(compensation === undefined ? {} : { compensation }) }) as unknown as Parameters<typeof defineTool>[0];

  it('a write must name the tool that undoes it or say why nothing does', () => {
    expect(() => defineTool(write())).toThrow(`write tool "credit_wallet" must declare its compensation: { tool, args } naming the write that undoes it, or { none: '<why nothing does>' }`);
    expect(() => defineTool(write({ none: ' ' }))).toThrow('compensation { none } must say why nothing undoes it, not be empty');
    expect(() => defineTool(write({ tool: '', args: () => ({}) }))).toThrow('compensation must name the tool that undoes it');
    expect(() => defineTool(write({ tool: 'debit_wallet' }))).toThrow('and give args(input, output)');
    expect(defineTool(write({ none: 'final: credits are not taken back' })).compensation).toEqual({ none: 'final: credits are not taken back' });
    expect(defineTool(write({ tool: 'credit_wallet', args: () => ({}) })).compensation).toMatchObject({ tool: 'credit_wallet' }); // sets a value back
  });

  it('a read declares none', () => {
    expect(() => defineTool({ ...definition('get_wallet'), compensation: { none: 'x' } } as unknown as Parameters<typeof defineTool>[0])).toThrow('tool "get_wallet" is a read: it has nothing to compensate');
  });
});
