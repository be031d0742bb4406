/** The 16 τ-bench retail tools as OpenAI function specs (names and arguments as in tools_openai_schema.json). */
const string = { type: 'string' };
const strings = { type: 'array', items: string };
const address = { address1: string, address2: string, city: string, state: string, country: string, zip: string };

const parameters: Record<string, Record<string, unknown>> = {
  find_user_id_by_email: { email: string },
  find_user_id_by_name_zip: { first_name: string, last_name: string, zip: string },
  get_user_details: { user_id: string },
  get_order_details: { order_id: string },
  get_product_details: { product_id: string },
  list_all_product_types: {},
  cancel_pending_order: { order_id: string, reason: { type: 'string', enum: ['no longer needed', 'ordered by mistake'] } },
  modify_pending_order_address: { order_id: string, ...address },
  modify_pending_order_payment: { order_id: string, payment_method_id: string },
  modify_pending_order_items: { order_id: string, item_ids: strings, new_item_ids: strings, payment_method_id: string },
  modify_user_address: { user_id: string, ...address },
  return_delivered_order_items: { order_id: string, item_ids: strings, payment_method_id: string },
  exchange_delivered_order_items: { order_id: string, item_ids: strings, new_item_ids: strings, payment_method_id: string },
  calculate: { expression: string },
  think: { thought: string },
  transfer_to_human_agents: { summary: string },
};

export const tauBenchTools = Object.entries(parameters).map(([name, properties]) => ({
  type: 'function' as const,
  function: { name, description: name.replace(/_/g, ' '), parameters: { type: 'object', properties, required: Object.keys(properties) } },
}));

export const tauBenchWriteTools = new Set([
  'cancel_pending_order',
  'modify_pending_order_address',
  'modify_pending_order_payment',
  'modify_pending_order_items',
  'modify_user_address',
  'return_delivered_order_items',
  'exchange_delivered_order_items',
]);

/** The supervisor's routing tools. */
export const supervisorTools = ['transfer_to_shopping', 'transfer_to_returns', 'transfer_to_delivery', 'transfer_to_human'].map((name) => ({
  type: 'function' as const,
  function: { name, description: name.replace(/_/g, ' '), parameters: { type: 'object', properties: { reason: string }, required: ['reason'] } },
}));
