import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApprovalRequest } from './approval.ts';
import { parseEditedArguments } from './edited-arguments.ts';

// As the OMS's create_order: the customer is named by user_id.
const createOrder = z.strictObject({ user_id: z.string(), quote_id: z.string(), payment_method_id: z.string() });
const approval = { id: 'apr_1', system: 'oms', tool: 'create_order', customerId: 'sara_doe_496' } as ApprovalRequest;

describe('edited arguments', () => {
  it('refuses an edit that moves the action to another customer by user_id, as by customer_id', () => {
    const edit = { user_id: 'noah_brown_6181', quote_id: 'q_1', payment_method_id: 'paypal_1' };
    expect(() => parseEditedArguments(createOrder, approval, edit)).toThrow(expect.objectContaining({
      code: 'INVALID_ARGUMENT',
      message: 'edited arguments for approval apr_1 set user_id to noah_brown_6181, but the request is for customer sara_doe_496: an approval cannot move an action to another customer',
    }));
    const both = z.strictObject({ customer_id: z.string(), user_id: z.string() });
    expect(() => parseEditedArguments(both, approval, { customer_id: 'sara_doe_496', user_id: 'noah_brown_6181' })).toThrow(/set user_id to noah_brown_6181, but/);
    expect(() => parseEditedArguments(both, approval, { customer_id: 'x', user_id: 'y' })).toThrow(/set customer_id to x and user_id to y, but/);
  });

  it('accepts an edit that keeps the customer', () => {
    const edit = { user_id: 'sara_doe_496', quote_id: 'q_2', payment_method_id: 'paypal_1' };
    expect(parseEditedArguments(createOrder, approval, edit)).toEqual(edit);
  });
});
