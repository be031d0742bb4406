import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ToolboxCache } from '../mcp/toolbox-cache.ts';
import type { Specialist } from '../state.ts';

export type Role = 'supervisor' | Specialist;

/** What the graph's nodes need from the outside world. */
export interface GraphDependencies {
  /** The chat model every role uses unless `models` names another one for that role. */
  model: BaseChatModel;
  models?: Partial<Record<Role, BaseChatModel>>;
  /** MCP tools per conversation (the principal travels with each connection). */
  toolboxes: ToolboxCache;
  /** Tool rounds a specialist may take in one customer turn before handing off to a human. */
  maxToolRounds?: number;
}

export function modelFor(deps: GraphDependencies, role: Role): BaseChatModel {
  return deps.models?.[role] ?? deps.model;
}
