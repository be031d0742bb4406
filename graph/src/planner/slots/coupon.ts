/**
 * A coupon code the customer gives: "coupon WELCOME10", "promo code save-15", "apply code SPRING25", "discount code:
 * FALL5", "use WELCOME10 at checkout". A code is 3-20 letters/digits (dashes and underscores allowed) with at least one
 * letter and one digit when it is not introduced by the word coupon/code; the words around it are never taken as one.
 */
const introduced = /\b(?:coupon|promo(?:tion)?|voucher|discount)(?:\s+code)?(?:\s+(?:is|of|called|named))?\s*[:#]?\s*["']?([a-z0-9][a-z0-9_-]{2,19})\b/i;
const bareCode = /\bcode\s*(?:is\s*)?[:#]?\s*["']?([a-z0-9][a-z0-9_-]{2,19})\b/i;
const shouted = /\b(?:use|apply|redeem|with)\s+["']?([A-Z][A-Z0-9_-]*\d[A-Z0-9_-]*)\b/;

const notCodes = new Set(['code', 'codes', 'please', 'for', 'to', 'on', 'that', 'this', 'the', 'and', 'which', 'i', 'but', 'it', 'too', 'at', 'as', 'in']);

export function extractCouponCode(text: string): string | undefined {
  for (const pattern of [introduced, bareCode, shouted]) {
    const match = pattern.exec(text);
    const code = match?.[1];
    if (code && !notCodes.has(code.toLowerCase()) && /[a-z]/i.test(code) && (pattern !== bareCode || /\d/.test(code))) return code.toUpperCase();
  }
  return undefined;
}
