import type { ClauseIntent } from '../nlu/intent-classifier.ts';

export const capabilities =
  'cancel or change a pending order (address, payment method or items), return or exchange delivered items, track an order or book a delivery slot, change your default address, or answer questions about our products';

/** The reply when no request is open: answers small talk, and says honestly when the message was not understood. */
export function smallTalkReply(latest: ClauseIntent[]): string {
  const intents = new Set(latest.map((c) => c.intent));
  if (intents.has('out_of_scope')) {
    return `I'm sorry, I can't help with that. I can ${capabilities}. Is there something along those lines I can do for you?`;
  }
  if (intents.has('unclear') && !intents.has('thanks_bye') && !intents.has('greeting')) {
    const unclear = latest.find((c) => c.intent === 'unclear')?.text ?? '';
    if (/\baddress\b/i.test(unclear)) {
      return 'Which address do you mean: the shipping address of an order (please give the order id), or the default address on your account?';
    }
    return `I'm sorry, I did not understand "${unclear}". Could you tell me what you would like to do? I can ${capabilities}.`;
  }
  if (intents.has('thanks_bye')) return "You're welcome! Have a great day.";
  if (intents.has('deny')) return 'Understood, I have not changed anything. Is there anything else I can help you with?';
  if (intents.has('greeting')) return `Hello! How can I help you today? I can ${capabilities}.`;
  return 'Is there anything else I can help you with?';
}
