import { extractAddress } from './address.ts';
import { extractEmails, extractName, extractZip } from './identity.ts';
import { extractOrderIds } from './order-ids.ts';
import { extractPaymentMention } from './payment-methods.ts';
import { extractCancelReason } from './cancel-reason.ts';

/** True when a text the classifier could not place still carries details the dialogue can use (an answer). */
export function carriesSlots(text: string): boolean {
  return (
    extractEmails(text).length > 0 ||
    extractOrderIds(text).length > 0 ||
    extractZip(text) !== undefined ||
    extractName(text) !== undefined ||
    extractPaymentMention(text) !== undefined ||
    extractAddress(text) !== undefined ||
    extractCancelReason(text) !== undefined
  );
}
