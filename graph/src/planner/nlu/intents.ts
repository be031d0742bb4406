/** The closed set of intents the planner recognises, and which specialist serves each. */
export const actionIntents = [
  'cancel_order',
  'modify_order_items',
  'modify_order_payment',
  'modify_order_address',
  'change_default_address',
  'return_items',
  'return_shipping',
  'exchange_items',
  'order_status',
  'delivery_slot',
  'product_info',
  'shop',
  'loyalty',
  'account_info',
  'human_agent',
] as const;

export const conversationalIntents = ['greeting', 'thanks_bye', 'affirm', 'deny', 'provide_info', 'out_of_scope'] as const;

export type ActionIntent = (typeof actionIntents)[number];
export type ConversationalIntent = (typeof conversationalIntents)[number];
export type Intent = ActionIntent | ConversationalIntent;

export type Specialist = 'shopping' | 'returns' | 'delivery' | 'human';

export const specialistFor: Record<ActionIntent, Specialist> = {
  cancel_order: 'returns',
  modify_order_items: 'returns',
  modify_order_payment: 'returns',
  modify_order_address: 'delivery',
  change_default_address: 'delivery',
  return_items: 'returns',
  return_shipping: 'returns',
  exchange_items: 'returns',
  order_status: 'delivery',
  delivery_slot: 'delivery',
  product_info: 'shopping',
  shop: 'shopping',
  loyalty: 'shopping',
  account_info: 'returns',
  human_agent: 'human',
};

export function isActionIntent(intent: Intent): intent is ActionIntent {
  return (actionIntents as readonly string[]).includes(intent);
}
