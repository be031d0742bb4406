import type { ActionIntent } from '../nlu/intents.ts';
import { changeDefaultAddress, modifyOrderAddress } from '../flows/addresses.ts';
import { cancelOrder } from '../flows/cancel-order.ts';
import { exchangeItems, modifyItems } from '../flows/change-items.ts';
import type { Flow } from '../flows/flow-context.ts';
import { accountInfo, orderStatus, productInfo } from '../flows/information.ts';
import { modifyPayment } from '../flows/modify-payment.ts';
import { returnItems } from '../flows/return-items.ts';
import { returnShipping } from '../flows/return-shipping.ts';
import { deliverySlot } from '../flows/delivery-slot.ts';
import { shop } from '../flows/shopping.ts';
import { loyalty } from '../flows/loyalty.ts';

export interface FlowEntry {
  flow: Flow;
  /** The flow runs only when one of these tools is bound to the current specialist. */
  needsAnyOf: string[];
  /** Whether the customer must be authenticated first. */
  authenticated: boolean;
  /** How the outcome is reported ("cancelled order #W…"). */
  done: string;
}

export const flows: Partial<Record<ActionIntent, FlowEntry>> = {
  cancel_order: { flow: cancelOrder, needsAnyOf: ['cancel_pending_order'], authenticated: true, done: 'the cancellation' },
  modify_order_items: { flow: modifyItems, needsAnyOf: ['modify_pending_order_items'], authenticated: true, done: 'the item change' },
  modify_order_payment: { flow: modifyPayment, needsAnyOf: ['modify_pending_order_payment'], authenticated: true, done: 'the payment change' },
  modify_order_address: { flow: modifyOrderAddress, needsAnyOf: ['modify_pending_order_address', 'reroute_shipment'], authenticated: true, done: 'the address change' },
  change_default_address: { flow: changeDefaultAddress, needsAnyOf: ['modify_user_address'], authenticated: true, done: 'the default address change' },
  return_shipping: { flow: returnShipping, needsAnyOf: ['schedule_return_pickup', 'create_return_label'], authenticated: true, done: 'the return shipping' },
  return_items: { flow: returnItems, needsAnyOf: ['return_delivered_order_items'], authenticated: true, done: 'the return' },
  exchange_items: { flow: exchangeItems, needsAnyOf: ['exchange_delivered_order_items'], authenticated: true, done: 'the exchange' },
  order_status: { flow: orderStatus, needsAnyOf: ['get_order_details'], authenticated: true, done: 'the order lookup' },
  account_info: { flow: accountInfo, needsAnyOf: ['get_user_details'], authenticated: true, done: 'the profile lookup' },
  delivery_slot: { flow: deliverySlot, needsAnyOf: ['list_delivery_slots'], authenticated: true, done: 'the delivery booking' },
  shop: { flow: shop, needsAnyOf: ['search_products'], authenticated: true, done: 'the order' },
  loyalty: { flow: loyalty, needsAnyOf: ['get_loyalty_balance'], authenticated: true, done: 'the points lookup' },
  product_info: { flow: productInfo, needsAnyOf: ['list_all_product_types', 'search_products'], authenticated: false, done: 'the product question' },
};
