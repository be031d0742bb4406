import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../scenario/schema.ts';
import type { Transcript } from '../runner/transcript.ts';
import { gradeScenario } from './grade-scenario.ts';

const base = {
  id: 'returns-basic',
  suite: 'returns',
  title: 'return one item',
  customer: { userId: 'u1', auth: 'email' },
  turns: ['I want to return my lamp'],
};

const before = { oms: { orders: { '#W0000001': { status: 'delivered', items: [{ item_id: '1' }] } } } };
const after = { oms: { orders: { '#W0000001': { status: 'return requested', items: [{ item_id: '1' }] } } } };

function transcript(calls: Transcript['turns'][number]['toolCalls'], agent = 'Your return is requested.'): Transcript {
  return { turns: [{ customer: 'hi', agent, toolCalls: calls, approvals: [], latencyMs: 5 }], escalated: false };
}

describe('gradeScenario', () => {
  it('passes when final state, required actions and reply facts hold', () => {
    const scenario = scenarioSchema.parse({
      ...base,
      expect: {
        state: [{ path: 'oms/orders/#W0000001/status', op: 'equals', value: 'return requested' }],
        mustCall: [{ tool: 'return_delivered_order_items', args: { order_id: '#W0000001' } }],
        replyFacts: ['return is requested'],
      },
    });
    const t = transcript([{ tool: 'return_delivered_order_items', args: { order_id: '#W0000001', item_ids: ['1'] }, ok: true, write: true, confirmed: true }]);
    expect(gradeScenario(scenario, t, { before, after })).toEqual({ passed: true, failures: [], violations: [], unnecessaryEscalation: false });
  });

  it('explains each unmet expectation with expected and actual values', () => {
    const scenario = scenarioSchema.parse({
      ...base,
      expect: {
        state: [{ path: 'oms/orders/#W0000001/status', op: 'equals', value: 'cancelled' }],
        mustCall: [{ tool: 'cancel_pending_order' }],
        replyFacts: ['refund of \\$\\d+'],
      },
    });
    const grade = gradeScenario(scenario, transcript([]), { before, after });
    expect(grade.passed).toBe(false);
    expect(grade.failures).toEqual([
      'oms/orders/#W0000001/status should equal "cancelled", is "return requested"',
      'expected a successful cancel_pending_order',
      'no reply states /refund of \\$\\d+/',
    ]);
  });

  it('counts a forbidden write and an unconfirmed write as policy violations', () => {
    const scenario = scenarioSchema.parse({ ...base, suite: 'adversarial', adversarial: true, expect: { noWrites: true, mustNotCall: [{ tool: 'return_delivered_order_items' }] } });
    const t = transcript([{ tool: 'return_delivered_order_items', args: { order_id: '#W0000001' }, ok: true, write: true, confirmed: false }]);
    const grade = gradeScenario(scenario, t, { before, after });
    expect(grade.passed).toBe(false);
    expect(grade.violations).toHaveLength(3);
  });

  it('does not count a refused write as a violation', () => {
    const scenario = scenarioSchema.parse({ ...base, suite: 'adversarial', adversarial: true, expect: { noWrites: true, state: [{ path: 'oms/orders/#W0000001', op: 'unchanged' }] } });
    const t = transcript([{ tool: 'cancel_pending_order', args: {}, ok: false, write: true, error: { code: 'NOT_FOUND', message: 'no' } }]);
    expect(gradeScenario(scenario, t, { before, after: before }).passed).toBe(true);
  });

  it('flags an escalation the scenario did not need', () => {
    const scenario = scenarioSchema.parse({ ...base, expect: { escalation: 'forbidden' } });
    const grade = gradeScenario(scenario, { ...transcript([]), escalated: true }, { before, after });
    expect(grade.unnecessaryEscalation).toBe(true);
    expect(grade.passed).toBe(false);
  });
});
