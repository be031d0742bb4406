import { describe, expect, it } from 'vitest';
import { formatEvent } from './format-event.ts';

describe('formatEvent', () => {
  it('prints tool calls, results, confirmations and approvals readably without colour', () => {
    expect(formatEvent({ type: 'routed', agent: 'returns', reason: 'order change' }, false)).toBe('  → returns (order change)');
    expect(formatEvent({ type: 'tool_call', agent: 'returns', tool: 'get_order_details', args: { order_id: '#W1' }, id: 'c1' }, false)).toBe('  ⚙ get_order_details {"order_id":"#W1"}');
    expect(formatEvent({ type: 'tool_result', tool: 'get_order_details', id: 'c1', ok: false, text: 'NOT_FOUND: order #W1 not found' }, false)).toBe('  ✗ get_order_details: NOT_FOUND: order #W1 not found');
    expect(formatEvent({ type: 'tool_result', tool: 't', id: 'c', ok: true, text: 'x'.repeat(500) }, false).length).toBeLessThan(200);
    const approval = formatEvent(
      {
        type: 'approval_required',
        request: { type: 'approval_request', approvalId: 'apr_1', tool: 'exchange_delivered_order_items', what: 'Exchange ...', why: 'needs approval', amount: 12.5, arguments: {}, argumentsHash: 'h', toolCallId: 'c', agent: 'returns' },
      },
      false,
    );
    expect(approval).toBe('approval needed apr_1: Exchange ...\n  why: needs approval\n  amount: 12.5');
  });
});
