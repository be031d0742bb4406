import { courierTools } from '@agentic-commerce/courier';
import { omsTools } from '@agentic-commerce/oms';
import { pricingTools } from '@agentic-commerce/pricing';
import { wmsTools } from '@agentic-commerce/wms';
import { referenceActionClasses } from '@agentic-commerce/kit/policy/unknown-actions';
import { describe, expect, it } from 'vitest';

describe('the shipped policy and the four servers', () => {
  it('lists exactly the action classes the servers\' write tools declare (what `policy check` checks a policy against)', () => {
    const tools: readonly { kind: string; name: string; action?: string | undefined }[] = [...omsTools(), ...wmsTools, ...courierTools, ...pricingTools];
    const declared = [...new Set(tools.filter((t) => t.kind === 'write').map((t) => t.action ?? t.name))].sort();
    expect(referenceActionClasses()).toEqual(declared);
  });
});
