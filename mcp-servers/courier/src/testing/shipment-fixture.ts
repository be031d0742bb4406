import type { Shipment } from '../domain/types.ts';

/** A parcel in transit to New York (area 100) with items 1 and 2; override any field. */
export const shipment = (patch: Partial<Shipment> = {}): Shipment => ({
  trackingId: '123456789012',
  orderId: '#W1',
  customerId: 'c1',
  serviceLevel: 'standard',
  status: 'in_transit',
  destination: { kind: 'address', locationId: null, address: { address1: '1 Main St', address2: '', city: 'New York', state: 'NY', country: 'USA', zip: '10083' } },
  itemIds: ['1', '2'],
  slotId: null,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  deliveredAt: null,
  ...patch,
});
