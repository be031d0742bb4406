import { normalizeText } from '../nlu/normalize.ts';

export type CancelReason = 'no longer needed' | 'ordered by mistake';

/** The two cancellation reasons the policy accepts, from paraphrases; undefined when the customer gave neither. */
export function extractCancelReason(text: string): CancelReason | undefined {
  const t = normalizeText(text);
  if (/\b(mistake|mistaken|accident|accidental|accidentally|by error|wrong (?:item|order|thing)|did not mean to|unintentional|twice|duplicate)\b/.test(t)) {
    return 'ordered by mistake';
  }
  if (/\b(no longer need|not need|do not need|no need|no longer want|do not want|changed my mind|not needed|longer needed|found (?:it |a )?(?:cheaper|elsewhere|better)|not interested)\b/.test(t)) {
    return 'no longer needed';
  }
  return undefined;
}
