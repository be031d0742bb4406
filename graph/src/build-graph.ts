import { END, START, StateGraph } from '@langchain/langgraph';
import { afterApproval, approvalNode } from './nodes/approval.ts';
import type { GraphDependencies } from './nodes/graph-dependencies.ts';
import { afterIntake, intakeNode } from './nodes/intake.ts';
import { afterSpecialist, specialistNode } from './nodes/specialist.ts';
import { afterSupervisor, supervisorNode } from './nodes/supervisor.ts';
import { afterTools, toolsNode } from './nodes/tools.ts';
import { ConversationState } from './state.ts';

/**
 * The customer-support graph: intake -> supervisor -> specialist <-> tools (-> approval). Returned UNCOMPILED:
 * the application picks the checkpointer at `compile({ checkpointer })`.
 */
export function buildSupportGraph(deps: GraphDependencies) {
  return new StateGraph(ConversationState)
    .addNode('intake', intakeNode)
    .addNode('supervisor', supervisorNode(deps))
    .addNode('shopping', specialistNode(deps, 'shopping'))
    .addNode('returns', specialistNode(deps, 'returns'))
    .addNode('delivery', specialistNode(deps, 'delivery'))
    .addNode('tools', toolsNode(deps))
    .addNode('approval', approvalNode)
    .addEdge(START, 'intake')
    .addConditionalEdges('intake', afterIntake, ['tools', 'supervisor', 'shopping', 'returns', 'delivery', END])
    .addConditionalEdges('supervisor', afterSupervisor, ['shopping', 'returns', 'delivery', END])
    .addConditionalEdges('shopping', afterSpecialist, ['tools', END])
    .addConditionalEdges('returns', afterSpecialist, ['tools', END])
    .addConditionalEdges('delivery', afterSpecialist, ['tools', END])
    .addConditionalEdges('tools', afterTools, ['approval', 'shopping', 'returns', 'delivery'])
    .addConditionalEdges('approval', afterApproval, ['tools', 'shopping', 'returns', 'delivery']);
}

export type SupportGraph = ReturnType<typeof buildSupportGraph>;
export type CompiledSupportGraph = ReturnType<SupportGraph['compile']>;
