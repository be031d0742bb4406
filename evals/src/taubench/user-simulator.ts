import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';

export const STOP = '###STOP###';
export const TRANSFER = '###TRANSFER###';

/** τ-bench's user-simulator instructions, around the task's instruction. */
export function userSystemPrompt(instruction: string): string {
  return `You are a user interacting with an agent.

Instruction: ${instruction}

Rules:
- Just generate one line at a time to simulate the user's message.
- Do not give away all the instruction at once. Only provide the information that is necessary for the current step.
- Do not hallucinate information that is not provided in the instruction. For example, if the agent asks for the order id but it is not mentioned in the instruction, do not make up an order id, just say you do not remember or have it.
- If the instruction goal is satisified, generate '${STOP}' as a standalone message without anything else to end the conversation.
- Do not repeat the exact instruction in the conversation. Instead, use your own words to convey the same information.
- Try to make the conversation as natural as possible, and stick to the personalities in the instruction.`;
}

/**
 * A simulated customer driven by a chat model. Roles are mirrored: the agent's replies are the model's "human"
 * turns and its answers are the customer's messages.
 */
export class UserSimulator {
  private readonly history: BaseMessage[];

  constructor(
    private readonly model: BaseChatModel,
    instruction: string,
  ) {
    this.history = [new SystemMessage(userSystemPrompt(instruction)), new HumanMessage('Hi! How can I help you today?')];
  }

  /** The customer's next message given the agent's last reply (omit it for the opening message). */
  async next(agentReply?: string): Promise<string> {
    if (agentReply !== undefined) this.history.push(new HumanMessage(agentReply.length > 0 ? agentReply : '(no reply)'));
    const answer = await this.model.invoke(this.history);
    const text = typeof answer.content === 'string' ? answer.content : answer.content.map((p) => ('text' in p ? String(p.text) : '')).join('');
    this.history.push(new AIMessage(text));
    return text.trim();
  }

  static done(message: string): boolean {
    return message.includes(STOP) || message.includes(TRANSFER);
  }
}
