/**
 * Patterns of text that tries to steer an assistant rather than ask it something: overriding instructions,
 * claiming a new role or system authority, asking for the prompt, or ordering tool calls. Used on customer
 * input (to refuse) and on tool output (to neutralise before the model reads it).
 */
const PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: 'override', pattern: /\b(ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|your|the|any)\b[^.\n]{0,20}\b(instructions?|prompts?|rules?|polic(y|ies)|guidelines?|directions?)\b/i },
  { name: 'new_role', pattern: /\b(you are now|from now on,? you|act as (an? )?(admin|administrator|developer|system|root)|pretend (to be|you are)|new instructions?:)/i },
  { name: 'fake_authority', pattern: /(^|\n|\s)(system|assistant|developer)\s*(:|prompt:)|<\/?(system|instructions?|im_start|im_end)>|\[\/?(INST|SYS)\]|###\s*(system|instruction)/i },
  { name: 'prompt_leak', pattern: /\b(reveal|show|print|repeat|output)\b[^.\n]{0,30}\b(system prompt|your (prompt|instructions)|hidden instructions)\b/i },
  {
    name: 'tool_order',
    pattern: /\b(call|invoke|run|execute|use)\b[^.\n]{0,20}\b(the )?(tool|function)?\s*`?(cancel_pending_order|return_delivered_order_items|exchange_delivered_order_items|modify_[a-z_]+|create_order|transfer_to_[a-z_]+|redeem_loyalty_points|apply_coupon|reroute_shipment|reschedule_delivery|book_delivery_slot)\b/i,
  },
  { name: 'policy_bypass', pattern: /\b(without (asking|confirmation|confirming|approval)|skip (the )?(confirmation|approval|verification|authentication)|no need to (confirm|verify|authenticate))\b/i },
  { name: 'refund_to_other', pattern: /\b(refund|send|transfer)\b[^.\n]{0,40}\b(to (this|my other|another|the following) (account|card|wallet))\b.*\b(instead|immediately)\b/i },
];

export interface InjectionFinding {
  name: string;
  match: string;
  index: number;
}

export function findInjections(text: string): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  for (const { name, pattern } of PATTERNS) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const m of text.matchAll(global)) findings.push({ name, match: m[0], index: m.index ?? 0 });
  }
  return findings.sort((a, b) => a.index - b.index);
}

export function looksLikeInjection(text: string): boolean {
  return findInjections(text).length > 0;
}
