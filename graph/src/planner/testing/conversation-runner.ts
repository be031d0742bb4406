import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { createDeterministicPlanner } from '../index.ts';
import { tauBenchTools, tauBenchWriteTools } from './tau-tools.ts';
import { TauSimulator } from './tau-simulator.ts';

export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
}

export interface ConversationRun {
  messages: BaseMessage[];
  writes: ToolCallRecord[];
  /** Agent replies in order, for reading a failed run. */
  replies: string[];
}

/**
 * Plays scripted customer turns against the planner bound to the τ-bench tools, executing its calls on the simulator
 * and confirming every write (the graph's confirmation step is outside the planner). Stops when the customer has no
 * more turns or after `maxSteps` planner calls.
 */
export async function runConversation(turns: string[], options: { role?: string; maxSteps?: number } = {}): Promise<ConversationRun> {
  const planner = createDeterministicPlanner({ now: () => new Date('2026-11-28T12:00:00Z') }).bindTools(tauBenchTools);
  const simulator = new TauSimulator();
  const messages: BaseMessage[] = [new SystemMessage(`Role: ${options.role ?? 'returns'}\nYou help customers of the retail store.`)];
  const writes: ToolCallRecord[] = [];
  const replies: string[] = [];
  const queue = [...turns];
  let steps = 0;
  let next = queue.shift();
  if (next !== undefined) messages.push(new HumanMessage(next));
  while (next !== undefined && steps < (options.maxSteps ?? 80)) {
    steps += 1;
    const reply = (await planner.invoke(messages)) as AIMessage;
    messages.push(reply);
    const call = reply.tool_calls?.[0];
    if (call) {
      if (tauBenchWriteTools.has(call.name)) writes.push({ name: call.name, args: call.args });
      messages.push(new ToolMessage({ content: simulator.run(call.name, call.args), tool_call_id: call.id ?? '', name: call.name }));
      continue;
    }
    replies.push(reply.text);
    next = queue.shift();
    if (next !== undefined) messages.push(new HumanMessage(next));
  }
  return { messages, writes, replies };
}
