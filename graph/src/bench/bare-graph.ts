import { AIMessage } from '@langchain/core/messages';
import { END, START, StateGraph } from '@langchain/langgraph';
import { ConversationState, type State } from '../state.ts';

const NODES = ['intake', 'supervisor', 'shopping', 'returns', 'delivery', 'tools', 'approval'] as const;

/**
 * The floor: a LangGraph graph with the support graph's state, node names and node count, no model and no tools.
 * It walks `steps` node executions (intake, supervisor, then returns/tools alternating) like a real turn.
 */
export function bareGraph(steps: number) {
  const path = ['intake', 'supervisor', ...Array.from({ length: Math.max(0, steps - 2) }, (_, i) => (i % 2 === 0 ? 'returns' : 'tools'))];
  const next = (state: State) => {
    const done = state.messages.length;
    return done >= path.length ? END : (path[done] as string);
  };
  let graph = new StateGraph(ConversationState) as unknown as StateGraph<typeof ConversationState.spec, State, Partial<State>, string>;
  for (const node of NODES) graph = graph.addNode(node, () => ({ messages: [new AIMessage(node)] })) as typeof graph;
  graph = graph.addConditionalEdges(START, () => 'intake') as typeof graph;
  for (const node of NODES) graph = graph.addConditionalEdges(node, next) as typeof graph;
  return graph;
}
