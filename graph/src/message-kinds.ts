import type { BaseMessage } from '@langchain/core/messages';

/**
 * Messages the graph itself adds are tagged in `additional_kwargs.graph_kind`, so the model's view of the
 * conversation can leave out what is the graph's business (confirmation prompts and replies, routing).
 */
export type GraphKind = 'confirmation_prompt' | 'confirmation_reply' | 'handoff' | 'guardrail' | 'approval_notice';

export function tag<M extends BaseMessage>(message: M, kind: GraphKind): M {
  message.additional_kwargs = { ...message.additional_kwargs, graph_kind: kind };
  return message;
}

export function kindOf(message: BaseMessage): GraphKind | undefined {
  const kind = message.additional_kwargs?.graph_kind;
  return typeof kind === 'string' ? (kind as GraphKind) : undefined;
}
