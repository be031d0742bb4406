import type { Principal } from '@agentic-commerce/kit';

/** Who the graph acts for in one conversation. The model never supplies any of it. */
export interface ConversationIdentity {
  conversationId: string;
  /** Set when the person chatting is already signed in as this customer (e.g. `pnpm chat --customer`). */
  customerId?: string | undefined;
}

const SYSTEMS = ['oms', 'wms', 'courier', 'pricing', 'knowledge'];

/**
 * The principal the servers see for this conversation: a signed-in customer acts as that customer; otherwise a
 * support agent bound to the conversation (the servers bind it to the first customer it authenticates).
 */
export function conversationPrincipal(identity: ConversationIdentity): Principal {
  const scopes = SYSTEMS.flatMap((s) => [`${s}:read`, `${s}:write`]);
  if (identity.customerId) {
    // The conversation travels too: the servers stamp it on the ledger entries, which GET /conversations/:id/ledger reads.
    return { kind: 'customer', id: `customer:${identity.customerId}`, customerId: identity.customerId, conversationId: identity.conversationId, scopes };
  }
  return { kind: 'agent', id: `agent:conversation:${identity.conversationId}`, conversationId: identity.conversationId, scopes };
}
