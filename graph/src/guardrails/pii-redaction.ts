import type { BaseMessage } from '@langchain/core/messages';

const RULES: { label: string; pattern: RegExp }[] = [
  { label: 'email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g },
  { label: 'card', pattern: /\b(?:\d[ -]?){13,19}\b/g },
  { label: 'phone', pattern: /(?<![\w#])(?:\+?\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]\d{3}[ .-]\d{4}\b/g },
  { label: 'street', pattern: /\b\d{1,6}\s+(?:[A-Z][a-z]+\s){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl)\b\.?/g },
  { label: 'address_field', pattern: /("address1"\s*:\s*")[^"]*(")/g },
];

/**
 * Redacts emails, card numbers, phone numbers and street addresses from text for stored transcripts and logs.
 * Ids the business needs (order ids like #W1234567, user ids, payment method ids) are kept.
 */
export function redactPii(text: string): string {
  let out = text;
  for (const { label, pattern } of RULES) {
    out = label === 'address_field' ? out.replace(pattern, `$1[address]$2`) : out.replace(pattern, `[${label}]`);
  }
  return out;
}

export interface TranscriptLine {
  role: string;
  text: string;
  toolCalls?: { name: string; args: string }[];
}

/** A conversation as stored for people (API, logs): roles, text and tool calls, with PII redacted. */
export function redactedTranscript(messages: readonly BaseMessage[]): TranscriptLine[] {
  return messages.map((m) => {
    const text = typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
    const calls = (m as { tool_calls?: { name: string; args: unknown }[] }).tool_calls;
    return {
      role: m.getType(),
      text: redactPii(text),
      ...(calls && calls.length > 0 ? { toolCalls: calls.map((c) => ({ name: c.name, args: redactPii(JSON.stringify(c.args)) })) } : {}),
    };
  });
}
