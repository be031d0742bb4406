import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describe, expect, it } from 'vitest';
import { registerTools } from '../register-tools.ts';
import type { ActionRuntime } from '../runtime.ts';
import { refundTools, refundsBackend } from '../testing/refunds-system.ts';
import { parsePolicy } from './load-policy.ts';
import { describeUnknownAction, editDistance, unknownPolicyActions } from './unknown-actions.ts';

const typo = parsePolicy('version: typo\ndefault_rule: { autonomy: auto }\nactions:\n  order.retrun: { autonomy: shadow }\n  shipment.reroute: { autonomy: approve }\n  gift.wrap: { autonomy: auto }\n', 'typo.yaml', { docsDir: '/nonexistent' });

describe('unknown policy action classes', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('order.retrun', 'order.return')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('names each class no tool declares, with the nearest declared class when it is a plausible typo', () => {
    const unknown = unknownPolicyActions(typo, ['order.return', 'order.cancel', 'shipment.reroute']);
    expect(unknown).toEqual([
      { action: 'order.retrun', nearest: 'order.return', distance: 1 },
      { action: 'gift.wrap', nearest: undefined, distance: undefined },
    ]);
    expect(describeUnknownAction(unknown[0]!)).toBe(
      'actions.order.retrun: no tool declares the action class "order.retrun" (did you mean "order.return"?); this rule applies to no call, and calls of a class the policy does not list follow default_rule',
    );
  });

  it('warns at server start about a class two edits or fewer from one of its own tools, once per policy and system', () => {
    const warnings: string[] = [];
    const logger = { warn: (_fields: object, message: string) => void warnings.push(message) };
    const runtime = { policy: typo, logger, db: undefined, defaultPrincipal: undefined, invoke: async () => ({}) } as unknown as ActionRuntime;
    for (let session = 0; session < 2; session++) registerTools(new McpServer({ name: 'refunds', version: '0' }), 'refunds', refundTools, runtime, refundsBackend('x'));
    expect(warnings).toEqual([
      'policy typo.yaml: actions.order.retrun: no refunds tool declares the action class "order.retrun" (did you mean "order.return"?); this rule applies to no call, and calls of a class the policy does not list follow default_rule',
    ]);
  });
});
