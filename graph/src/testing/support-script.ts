import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { Script, ScriptTurn } from './scripted-chat-model.ts';

const lastHuman = (messages: BaseMessage[]) => {
  const m = [...messages].reverse().find((x) => HumanMessage.isInstance(x));
  return typeof m?.content === 'string' ? m.content : '';
};

/**
 * A scripted stand-in for a model, for graph tests: it routes by keywords, authenticates by email, reads the
 * order and asks for the write the customer described. Enough to walk the graph's paths deterministically.
 */
export function supportScript(options: { orderId?: string; productId?: string; exchangeBoth?: boolean } = {}): Script {
  return (turn: ScriptTurn) => {
    const text = lastHuman(turn.messages).toLowerCase();
    if (turn.role === 'supervisor') {
      if (/human|person/.test(text)) return { calls: [{ name: 'transfer_to_human', args: { reason: 'asked for a person' } }] };
      if (/return|exchange|cancel/.test(text)) return { calls: [{ name: 'transfer_to_returns', args: { reason: 'order change' } }] };
      if (/product|bottle|describe/.test(text)) return { calls: [{ name: 'transfer_to_shopping', args: { reason: 'product question' } }] };
      return { content: 'How can I help you today?' };
    }
    const last = turn.messages.at(-1);
    const beforeLast = turn.messages.at(-2);
    if (beforeLast && ToolMessage.isInstance(beforeLast) && String(beforeLast.content).startsWith('customer did not confirm')) {
      return { content: 'All right, I did not change anything.' };
    }
    if (last && ToolMessage.isInstance(last)) {
      const content = String(last.content);
      if (/^[A-Z_]+: /.test(content)) return { content: `That did not work: ${content}` };
      if (last.name === 'find_user_id_by_email') return { calls: [{ name: 'get_order_details', args: { order_id: options.orderId ?? '#W1000001' } }] };
      if (last.name === 'get_order_details') {
        const order = options.orderId ?? '#W1000001';
        const allText = turn.messages.map((m) => (HumanMessage.isInstance(m) ? String(m.content).toLowerCase() : '')).join(' ');
        if (allText.includes('exchange') && options.exchangeBoth) {
          return {
            calls: [
              { name: 'exchange_delivered_order_items', args: { order_id: order, item_ids: ['1001'], new_item_ids: ['1002'], payment_method_id: 'credit_card_111' } },
              { name: 'exchange_delivered_order_items', args: { order_id: '#W1000003', item_ids: ['2001'], new_item_ids: ['2002'], payment_method_id: 'credit_card_111' } },
            ],
          };
        }
        if (allText.includes('exchange')) {
          return { calls: [{ name: 'exchange_delivered_order_items', args: { order_id: order, item_ids: ['1001'], new_item_ids: ['1002'], payment_method_id: 'credit_card_111' } }] };
        }
        if (allText.includes('cancel')) return { calls: [{ name: 'cancel_pending_order', args: { order_id: order, reason: 'no longer needed' } }] };
        return { calls: [{ name: 'return_delivered_order_items', args: { order_id: order, item_ids: ['1001'], payment_method_id: 'credit_card_111' } }] };
      }
      if (last.name === 'get_product_details') return { content: `Here are the details: ${content}` };
      return { content: `Done: ${content}` };
    }
    const email = /[\w.+-]+@[\w.-]+\.\w+/.exec(text)?.[0];
    if (email && turn.tools.includes('find_user_id_by_email')) return { calls: [{ name: 'find_user_id_by_email', args: { email } }] };
    if (turn.role === 'shopping' && /bottle|product/.test(text)) return { calls: [{ name: 'get_product_details', args: { product_id: options.productId ?? 'p1' } }] };
    return new AIMessage('Please tell me the email address on your account.');
  };
}
