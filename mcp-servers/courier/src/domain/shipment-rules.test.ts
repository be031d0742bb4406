import { describe, expect, it } from 'vitest';
import { assertDelivered, assertDeliveryChangeable, assertHomeDelivery } from './shipment-rules.ts';
import { shipment } from '../testing/shipment-fixture.ts';

describe('shipment rules', () => {
  it('accepts delivery changes until the parcel is out for delivery', () => {
    for (const status of ['label_created', 'in_transit', 'failed_attempt'] as const) {
      expect(() => assertDeliveryChangeable(shipment({ status }), 'reroute')).not.toThrow();
    }
    expect(() => assertDeliveryChangeable(shipment({ status: 'delivered' }), 'reroute')).toThrow(
      "cannot reroute for shipment 123456789012: it is 'delivered' (it has been delivered); only 'label_created', 'in_transit', 'failed_attempt' shipments can be changed",
    );
    expect(() => assertDeliveryChangeable(shipment({ status: 'out_for_delivery' }), 'reschedule')).toThrow('already on the van');
  });

  it('books slots only for home deliveries, and returns only delivered parcels', () => {
    expect(() => assertHomeDelivery(shipment({ destination: { ...shipment().destination, kind: 'locker', locationId: 'LK-1' } }))).toThrow(
      'goes to locker LK-1; delivery slots apply to home deliveries',
    );
    expect(() => assertDelivered(shipment(), 'schedule a return pickup')).toThrow("it is 'in_transit'; only 'delivered' shipments can be returned");
    expect(() => assertDelivered(shipment({ status: 'delivered' }), 'x')).not.toThrow();
  });
});
