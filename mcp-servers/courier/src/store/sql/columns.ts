/** SELECT lists mapping courier rows onto the domain types (camelCase aliases, nested destination). */
export const SHIPMENT_COLUMNS = `tracking_id AS "trackingId", order_id AS "orderId", customer_id AS "customerId",
  service_level AS "serviceLevel", status,
  json_build_object('kind', destination_kind, 'locationId', location_id, 'address', address) AS destination,
  item_ids AS "itemIds", slot_id AS "slotId", created_at AS "createdAt", updated_at AS "updatedAt", delivered_at AS "deliveredAt"`;

export const SLOT_COLUMNS = `id AS "slotId", zip_prefix AS "zipPrefix", day::text AS day, window_start AS "windowStart",
  window_end AS "windowEnd", capacity, booked`;

export const LOCATION_COLUMNS = `id AS "locationId", kind, name, address, zip_prefix AS "zipPrefix", capacity, in_use AS "inUse"`;

export const PICKUP_COLUMNS = `id AS "pickupId", tracking_id AS "trackingId", order_id AS "orderId", customer_id AS "customerId",
  address, day::text AS day, time_window AS "window", status, created_at AS "createdAt", updated_at AS "updatedAt"`;

export const LABEL_COLUMNS = `id AS "labelId", tracking_id AS "trackingId", order_id AS "orderId", customer_id AS "customerId",
  item_ids AS "itemIds", carrier_reference AS "carrierReference", created_at AS "createdAt",
  voided_at AS "voidedAt"`;
