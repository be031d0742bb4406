/** SELECT lists that map WMS rows straight onto the domain types (camelCase aliases). */
export const STOCK_COLUMNS = `item_id AS "itemId", warehouse_id AS "warehouseId", on_hand AS "onHand", reserved, on_hand - reserved AS available`;

export const FULFILLMENT_COLUMNS = `tracking_id AS "trackingId", order_id AS "orderId", customer_id AS "customerId",
  warehouse_id AS "warehouseId", status, item_ids AS "itemIds", updated_at AS "updatedAt"`;

export const MOVEMENT_COLUMNS = `id, at, item_id AS "itemId", warehouse_id AS "warehouseId", on_hand_delta AS "onHandDelta",
  reserved_delta AS "reservedDelta", reason, reference`;
