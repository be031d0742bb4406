/**
 * Runs `fn` as the only turn of the conversation running now (where the implementation reaches), waiting its turn.
 * `signal` aborts when the turn can no longer be sure it is the only one (postgresConversationLocks: its lock was lost).
 */
export type ConversationLocks = <T>(conversationId: string, fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;

const NEVER = new AbortController().signal;

/**
 * One turn at a time per conversation in this process: a customer's message and an operator's decision (or two
 * operators' decisions) racing on one paused run would otherwise both resume it, forking its checkpoint. The second
 * waits, then sees the run as the first left it. Across processes (API replicas, workers) use
 * postgresConversationLocks; without it their tool calls stay exactly-once by their idempotency keys, but two turns of
 * one conversation may both continue from the same checkpoint.
 */
export function conversationLocks(): ConversationLocks {
  const tails = new Map<string, Promise<unknown>>();
  return async function exclusive<T>(conversationId: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const before = tails.get(conversationId) ?? Promise.resolve();
    const go = () => fn(NEVER);
    const turn = before.then(go, go);
    const tail = turn.then(() => undefined, () => undefined);
    tails.set(conversationId, tail);
    try {
      return await turn;
    } finally {
      if (tails.get(conversationId) === tail) tails.delete(conversationId);
    }
  };
}
