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
  /** Records a conversation; saving an existing id rebinds its customer and keeps its creation time. */
  save(record: ConversationRecord): Promise<void>;
  get(id: string): Promise<ConversationRecord | undefined>;
  /** Every recorded conversation id, oldest first. */
  ids(): Promise<string[]>;
}

/** Records that last as long as the process. */
export function memoryConversationStore(): ConversationStore {
  const records = new Map<string, ConversationRecord>();
  return {
    async save(record) {
      const existing = records.get(record.id);
      records.set(record.id, { ...record, createdAt: existing?.createdAt ?? record.createdAt });
    },
    async get(id) {
      return records.get(id);
    },
    async ids() {
      return [...records.keys()];
    },
  };
}
