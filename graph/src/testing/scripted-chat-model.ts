import type { BindToolsInput } from '@langchain/core/language_models/chat_models';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

export interface ScriptTurn {
  /** From the system prompt's first line, "Role: <role>". */
  role: string;
  /** The conversation as the model sees it (without the system prompt). */
  messages: BaseMessage[];
  /** Names of the tools bound for this call. */
  tools: string[];
}

export type Script = (turn: ScriptTurn) => AIMessage | { content?: string; calls?: { name: string; args: Record<string, unknown>; id?: string }[] };

function toolName(tool: BindToolsInput): string {
  const t = tool as { name?: string; function?: { name?: string } };
  return t.function?.name ?? t.name ?? 'unknown';
}

let counter = 0;

/**
 * A chat model driven by a script function, for tests: it sees what a real model would see (system role,
 * messages, bound tool names) and answers with text or tool calls. Like the fake models of langgraphjs tests.
 */
export class ScriptedChatModel extends BaseChatModel {
  readonly script: Script;
  readonly boundTools: string[];
  /** Every call the graph made, for assertions on what the model was shown. */
  readonly calls: ScriptTurn[];

  constructor(script: Script, boundTools: string[] = [], calls: ScriptTurn[] = []) {
    super({});
    this.script = script;
    this.boundTools = boundTools;
    this.calls = calls;
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(tools: BindToolsInput[]): ScriptedChatModel {
    return new ScriptedChatModel(this.script, tools.map(toolName), this.calls);
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const [system, ...rest] = messages;
    const firstLine = typeof system?.content === 'string' ? (system.content.split('\n')[0] ?? '') : '';
    const role = /^Role: (\w+)/.exec(firstLine)?.[1] ?? 'unknown';
    const turn: ScriptTurn = { role, messages: rest, tools: this.boundTools };
    this.calls.push(turn);
    const out = this.script(turn);
    const message =
      out instanceof AIMessage
        ? out
        : new AIMessage({
            content: out.content ?? '',
            tool_calls: (out.calls ?? []).map((c) => ({ name: c.name, args: c.args, id: c.id ?? `call_${++counter}`, type: 'tool_call' as const })),
          });
    return { generations: [{ message, text: typeof message.content === 'string' ? message.content : '' }] };
  }
}
