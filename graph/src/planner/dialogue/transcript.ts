import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';

export type Role = 'supervisor' | 'shopping' | 'returns' | 'delivery';

export type Turn =
  | { kind: 'customer'; text: string; index: number }
  | { kind: 'agent'; text: string; index: number }
  | { kind: 'call'; id: string; name: string; args: Record<string, unknown>; index: number }
  | { kind: 'result'; id: string; name: string; args: Record<string, unknown>; ok: boolean; declined: boolean; text: string; data: unknown; index: number };

export interface Transcript {
  role: Role;
  /** A customer id the graph already authenticated, from a system line "Customer: <user_id>". */
  customerId?: string;
  turns: Turn[];
}

const declinedMarker = 'customer did not confirm';

/** Reads the message history into turns; the planner's whole state is derived from this, every call. */
export function parseTranscript(messages: BaseMessage[]): Transcript {
  let role: Role | undefined;
  let customerId: string | undefined;
  const turns: Turn[] = [];
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  for (const message of messages) {
    const index = turns.length;
    if (SystemMessage.isInstance(message)) {
      const text = message.text;
      const first = /^\s*Role:\s*(supervisor|shopping|returns|delivery)\b/i.exec(text);
      if (first?.[1] && role === undefined) role = first[1].toLowerCase() as Role;
      const customer = /^\s*Customer(?: id)?:\s*([a-z]+(?:_[a-z]+)*_\d+)\s*$/im.exec(text);
      if (customer?.[1]) customerId = customer[1];
    } else if (HumanMessage.isInstance(message)) {
      turns.push({ kind: 'customer', text: message.text, index });
    } else if (AIMessage.isInstance(message)) {
      const toolCalls = message.tool_calls ?? [];
      if (toolCalls.length === 0 && message.text.trim().length > 0) turns.push({ kind: 'agent', text: message.text, index });
      for (const call of toolCalls) {
        const id = call.id ?? `call_${index}`;
        calls.set(id, { name: call.name, args: call.args });
        turns.push({ kind: 'call', id, name: call.name, args: call.args, index: turns.length });
      }
    } else if (ToolMessage.isInstance(message)) {
      const call = calls.get(message.tool_call_id);
      const text = message.text;
      const declined = text.toLowerCase().includes(declinedMarker);
      const failed = message.status === 'error' || declined || /^[A-Z][A-Z_]+:\s/.test(text) || /^error\b/i.test(text);
      turns.push({
        kind: 'result',
        id: message.tool_call_id,
        name: call?.name ?? message.name ?? 'unknown',
        args: call?.args ?? {},
        ok: !failed,
        declined,
        text,
        data: parseJson(text),
        index,
      });
    }
  }
  if (!role) {
    throw new Error('deterministic planner: the first system message must start with "Role: supervisor|shopping|returns|delivery"');
  }
  return { role, ...(customerId ? { customerId } : {}), turns };
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!/^[[{"]/.test(trimmed)) return trimmed;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}
