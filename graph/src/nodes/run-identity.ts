import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { ConversationIdentity } from '../mcp/conversation-principal.ts';

/**
 * The conversation comes from the run configuration, never from the model: `thread_id` is the conversation id,
 * `customer_id` (optional) a customer who is already signed in.
 */
export function runIdentity(config: LangGraphRunnableConfig): ConversationIdentity & { threadId: string } {
  const configurable = config.configurable ?? {};
  const threadId = configurable.thread_id;
  if (typeof threadId !== 'string' || threadId.length === 0) {
    throw new Error('the graph needs configurable.thread_id (the conversation id) in its run config');
  }
  const customerId = typeof configurable.customer_id === 'string' && configurable.customer_id.length > 0 ? configurable.customer_id : undefined;
  return { threadId, conversationId: threadId, customerId };
}
