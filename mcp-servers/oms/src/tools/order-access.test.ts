import { describe, expect, it, vi } from 'vitest';
import { notFound, type CustomerAccess, type ToolContext } from '@agentic-commerce/kit';
import type { OmsBackend } from '../store/oms-backend.ts';
import { DELIVERED, fresh, USER, USER_ID } from '../testing/sample-records.ts';
import { orderAndOwner, orderFor, userFor } from './order-access.ts';

/** A call's context over a fake backend that counts reads; `owner` is the customer the caller may see. */
function callContext(owner = USER_ID) {
  const getOrder = vi.fn(async (id: string) => (id === DELIVERED.order_id ? fresh(DELIVERED) : undefined));
  const getCustomer = vi.fn(async (id: string) => (id === USER_ID ? fresh(USER) : undefined));
  const access: CustomerAccess = {
    boundCustomerId: async () => owner,
    assertCustomer: async (customerId, message) => {
      if (customerId !== owner) throw notFound(message);
    },
    bindCustomer: async () => undefined,
  };
  const ctx = { backend: { getOrder, getCustomer } as unknown as OmsBackend, access, principal: { kind: 'service', id: 's', scopes: [] }, cite: () => undefined, now: () => new Date() } as unknown as ToolContext<OmsBackend>;
  return { ctx, getOrder, getCustomer };
}

describe('order access within one write call', () => {
  it('reads and locks the order and its owner once: the assessment and the handler share the locked rows', async () => {
    const { ctx, getOrder, getCustomer } = callContext();
    const assessed = await orderAndOwner(ctx, DELIVERED.order_id);
    const handled = await orderAndOwner(ctx, DELIVERED.order_id);
    expect(handled.order).toBe(assessed.order);
    expect(getOrder).toHaveBeenCalledTimes(1);
    expect(getOrder).toHaveBeenCalledWith(DELIVERED.order_id, { lock: true });
    expect(getCustomer).toHaveBeenCalledTimes(1);
    expect(getCustomer).toHaveBeenCalledWith(USER_ID, { lock: true });
  });

  it('reads again when not locking, and never shares reads between calls', async () => {
    const first = callContext();
    await orderFor(first.ctx, DELIVERED.order_id);
    await orderFor(first.ctx, DELIVERED.order_id);
    expect(first.getOrder).toHaveBeenCalledTimes(2);
    const second = callContext();
    await orderFor(first.ctx, DELIVERED.order_id, true);
    await orderFor(second.ctx, DELIVERED.order_id, true);
    expect(second.getOrder).toHaveBeenCalledTimes(1);
  });

  it("answers another customer's order like a missing one, and does not remember the refusal", async () => {
    const { ctx, getOrder } = callContext('someone_else');
    await expect(orderFor(ctx, DELIVERED.order_id, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(orderFor(ctx, '#W0000000', true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(orderFor(ctx, DELIVERED.order_id, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(getOrder).toHaveBeenCalledTimes(3);
    await expect(userFor(ctx, USER_ID, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
