import { BaseChatModel, type BaseChatModelParams, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { buildAgenda } from './dialogue/agenda.ts';
import { deriveFacts } from './dialogue/facts.ts';
import { planSpecialist } from './dialogue/specialist.ts';
import { planSupervisor } from './dialogue/supervisor.ts';
import { parseTranscript } from './dialogue/transcript.ts';
import { taskStatus } from './dialogue/task-status.ts';
import type { FlowContext, Step, ToolShape } from './flows/flow-context.ts';

export interface DeterministicPlannerOptions extends BaseChatModelParams {
  /** Reference clock for relative dates ("tomorrow"); defaults to the wall clock. */
  now?: () => Date;
}

/**
 * The embedded planner as a LangChain chat model: no network, no weights. Every call re-derives the dialogue state
 * from the messages (so a checkpointed conversation resumes exactly), then emits one tool call or one text reply.
 */
export class DeterministicChatModel extends BaseChatModel {
  private readonly tools: ToolShape[];
  private readonly now: () => Date;

  constructor(options: DeterministicPlannerOptions = {}, tools: ToolShape[] = []) {
    super(options);
    this.now = options.now ?? (() => new Date());
    this.tools = tools;
  }

  _llmType(): string {
    return 'deterministic-planner';
  }

  override bindTools(tools: BindToolsInput[]): DeterministicChatModel {
    const shapes = tools.map(toolShape);
    return new DeterministicChatModel({ now: this.now }, [...this.tools.filter((t) => !shapes.some((s) => s.name === t.name)), ...shapes]);
  }

  /** The next step for a history, without the LangChain wrapping (used by tests and benchmarks). */
  plan(messages: BaseMessage[]): Step {
    const transcript = parseTranscript(messages);
    const known = { transcript, facts: deriveFacts(transcript), tools: new Map(this.tools.map((t) => [t.name, t])), now: this.now() };
    const status = transcript.role === 'supervisor' ? undefined : taskStatus(known);
    const ctx: FlowContext = { ...known, agenda: buildAgenda(transcript, status) };
    return transcript.role === 'supervisor' ? planSupervisor(ctx) : planSpecialist(ctx);
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const step = this.plan(messages);
    const message =
      step.kind === 'call'
        ? new AIMessage({ content: step.note ?? '', tool_calls: [{ id: callId(messages.length, step.name, step.args), name: step.name, args: step.args, type: 'tool_call' }] })
        : new AIMessage({ content: step.text });
    return { generations: [{ message, text: step.kind === 'say' ? step.text : '' }] };
  }
}

function toolShape(tool: BindToolsInput): ToolShape {
  const fn = convertToOpenAITool(tool).function;
  const parameters = (fn.parameters ?? {}) as { properties?: Record<string, unknown>; required?: string[] };
  return { name: fn.name, properties: Object.keys(parameters.properties ?? {}), required: parameters.required ?? [] };
}

/** A deterministic tool-call id (FNV-1a of position, name and arguments): the same history gives the same id. */
function callId(position: number, name: string, args: Record<string, unknown>): string {
  let hash = 0x811c9dc5;
  for (const char of `${position}:${name}:${JSON.stringify(args)}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `call_${position}_${hash.toString(16).padStart(8, '0')}`;
}
