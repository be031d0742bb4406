import { DeterministicChatModel, type DeterministicPlannerOptions } from './deterministic-chat-model.ts';

export { DeterministicChatModel, type DeterministicPlannerOptions } from './deterministic-chat-model.ts';
export type { Step, ToolShape } from './flows/flow-context.ts';
export { classifyMessage } from './nlu/intent-classifier.ts';
export type { Intent, Specialist } from './nlu/intents.ts';

/** The embedded deterministic planner: a LangChain chat model that supports `bindTools`. */
export function createDeterministicPlanner(options: DeterministicPlannerOptions = {}): DeterministicChatModel {
  return new DeterministicChatModel(options);
}
