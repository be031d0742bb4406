import type { Principal } from '@agentic-commerce/kit';

/** What the service must remember about a conversation to authorise and continue it after a restart. */
export interface ConversationRecord {
  id: string;
  /** The signed-in customer the conversation belongs to; undefined: not signed in (the agent identifies them). */
  customerId?: string | undefined;
  /** Who opened it (customer, service, operator...), for audit. */
  principalKind?: Principal['kind'] | undefined;
  /** ISO-8601 UTC. */
  createdAt: string;
}

/** Where conversation records live: in memory (tests, one-off tools) or in the service's database. */
export interface ConversationStore {
  /**
   * Records a conversation unless one with that id exists (also when two callers race); answers the record stored,
   * which the caller compares with what it asked for. A conversation's customer is never changed.
   */
  save(record: ConversationRecord): Promise<ConversationRecord>;
  get(id: string): Promise<ConversationRecord | undefined>;
  /** Every recorded conversation id, oldest first. */
  ids(): Promise<string[]>;
  /**
   * Notes the approval the conversation's run is paused on (undefined: not paused), so listing what operators must
   * decide reads only those conversations. Unknown ids are ignored.
   */
  setAwaiting(id: string, approvalId: string | undefined): Promise<void>;
  /**
   * Conversations that may be paused on an approval, oldest first: those noted by `setAwaiting`, and records kept
   * from before the store tracked it (the service checks their graph state once and notes what it finds).
   */
  awaiting(): Promise<{ id: string; /** undefined: a record from before the store tracked it, not known yet */ approvalId: string | undefined }[]>;
}

/** Records that last as long as the process. */
export function memoryConversationStore(): ConversationStore {
  const records = new Map<string, ConversationRecord>();
  const paused = new Map<string, string>();
  return {
    async save(record) {
      const existing = records.get(record.id);
      if (existing) return existing;
      records.set(record.id, record);
      return record;
    },
    async get(id) {
      return records.get(id);
    },
    async ids() {
      return [...records.keys()];
    },
    async setAwaiting(id, approvalId) {
      if (!records.has(id)) return;
      if (approvalId === undefined) paused.delete(id);
      else paused.set(id, approvalId);
    },
    async awaiting() {
      return [...records.keys()].filter((id) => paused.has(id)).map((id) => ({ id, approvalId: paused.get(id) }));
    },
  };
}
