import { describe, expect, it } from 'vitest';
import { demoteMissedReports, refineDeliveryIntent, reportsMissedDelivery } from './delivery-intent.ts';

describe('delivery intent refinement', () => {
  it('a time without a place is another delivery time; a locker or pickup point is another place', () => {
    expect(refineDeliveryIntent('modify_order_address', 'can you deliver it tomorrow instead')).toBe('delivery_slot');
    expect(refineDeliveryIntent('modify_order_address', 'deliver it to my office tomorrow instead')).toBe('modify_order_address');
    expect(refineDeliveryIntent('modify_order_address', 'send it to 12 Oak Street, Springfield, IL 62704 on friday')).toBe('modify_order_address');
    expect(refineDeliveryIntent('delivery_slot', 'put it in a parcel locker tomorrow')).toBe('modify_order_address');
    expect(refineDeliveryIntent('return_items', 'return it tomorrow')).toBe('return_items');
  });

  it('recognises reports of a missed delivery attempt', () => {
    expect(reportsMissedDelivery('your courier missed me')).toBe(true);
    expect(reportsMissedDelivery('nobody was home when the driver came')).toBe(true);
    expect(reportsMissedDelivery('where is my parcel')).toBe(false);
  });

  it('treats a bare missed-delivery report as context only when the message asks for a delivery change elsewhere', () => {
    const report = { text: 'I missed the delivery', intent: 'delivery_slot' as const };
    const reroute = { text: 'leave it at a locker', intent: 'modify_order_address' as const };
    expect(demoteMissedReports([report, reroute]).map((c) => c.intent)).toEqual(['provide_info', 'modify_order_address']);
    expect(demoteMissedReports([report]).map((c) => c.intent)).toEqual(['delivery_slot']);
  });
});
