import { describe, expect, it } from 'vitest';
import { resolvePolicyCitation } from './resolve-policy-citation.ts';

describe('resolvePolicyCitation', () => {
  it('gives the action layer the chunk id and version of the shipped policies', async () => {
    expect(await resolvePolicyCitation({ doc: 'order-changes', section: 'cancelling-an-order' })).toMatchObject({
      chunkId: 'order-changes#cancelling-an-order',
      version: '2026.1',
    });
    await expect(resolvePolicyCitation({ doc: 'returns', section: 'restocking-fee' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
