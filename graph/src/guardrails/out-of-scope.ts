/**
 * Flags customer messages that are clearly not about this store (coding, homework, medical or legal advice,
 * politics...). Conservative: anything mentioning orders, products, delivery, payment or the account is in scope,
 * and a message is flagged only when it matches an off-topic pattern.
 */
const COMMERCE = /\b(orders?|#w\d+|items?|products?|buy|bought|purchase|return|exchange|refund|cancel|deliver(y|ed)?|ship(ping|ment)?|track(ing)?|package|parcel|address|payment|paypal|card|gift card|price|cost|stock|coupon|loyalty|points|account|email|zip|slot|courier|size|colou?r|warranty|policy)\b/i;

const OFF_TOPIC: { topic: string; pattern: RegExp }[] = [
  { topic: 'programming', pattern: /\b(write|debug|fix)\b[^.\n]{0,30}\b(code|program|script|function|sql query|regex)\b|\b(python|javascript|typescript|java|c\+\+)\b/i },
  { topic: 'creative writing', pattern: /\b(write|compose)\b[^.\n]{0,20}\b(poem|song|story|essay|novel|lyrics)\b/i },
  { topic: 'homework', pattern: /\b(solve|integrate|derivative|homework|prove that|translate this)\b/i },
  { topic: 'medical advice', pattern: /\b(diagnos\w*|symptoms?|medication|prescription|dosage)\b/i },
  { topic: 'legal or financial advice', pattern: /\b(legal advice|sue|lawsuit|invest(ment)? advice|stock market|crypto(currency)?|bitcoin)\b/i },
  { topic: 'politics', pattern: /\b(election|president|politic(s|al)|vote for)\b/i },
  { topic: 'weather or news', pattern: /\b(weather|forecast|news today|headlines)\b/i },
];

export function outOfScopeTopic(text: string): string | undefined {
  if (COMMERCE.test(text)) return undefined;
  return OFF_TOPIC.find(({ pattern }) => pattern.test(text))?.topic;
}
