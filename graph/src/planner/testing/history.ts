import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { createDeterministicPlanner } from '../index.ts';
import type { Step } from '../flows/flow-context.ts';
import { tauBenchTools } from './tau-tools.ts';
import { TauSimulator } from './tau-simulator.ts';

type ToolSpecs = Parameters<ReturnType<typeof createDeterministicPlanner>['bindTools']>[0];

/**
 * Builds a message history the way the graph hands it to a model: a role system message, customer turns, tool calls
 * with their results (from the τ-bench simulator, unless a result text is given), and agent replies.
 */
export class History {
  readonly messages: BaseMessage[];
  private readonly simulator = new TauSimulator();
  private calls = 0;

  constructor(role: string, private readonly tools: ToolSpecs = tauBenchTools) {
    this.messages = [new SystemMessage(`Role: ${role}\nYou help customers of the retail store.`)];
  }

  customer(text: string): this {
    this.messages.push(new HumanMessage(text));
    return this;
  }

  agent(text: string): this {
    this.messages.push(new AIMessage(text));
    return this;
  }

  /** A tool call and its result: the simulator's answer, or `result` verbatim (an error "CODE: message", a refusal). */
  tool(name: string, args: Record<string, unknown>, result?: string): this {
    const id = `call_test_${(this.calls += 1)}`;
    this.messages.push(new AIMessage({ content: '', tool_calls: [{ id, name, args, type: 'tool_call' }] }));
    const content = result ?? this.simulator.run(name, args);
    this.messages.push(new ToolMessage({ content, tool_call_id: id, name }));
    return this;
  }

  /** The planner's next step for this history. */
  next(): Step {
    return createDeterministicPlanner({ now: () => new Date('2026-11-28T12:00:00Z') }).bindTools(this.tools).plan(this.messages);
  }
}
