/** What an agent under test did in one scenario: the evidence graders read. */
export interface ToolCallRecord {
  tool: string;
  args: Record<string, unknown>;
  /** Whether the server executed it (false: refused with an error, or never run). */
  ok: boolean;
  error?: { code: string; message: string } | undefined;
  /** A write tool (MCP readOnlyHint false). */
  write: boolean;
  /** For writes: whether the customer explicitly confirmed before it ran. */
  confirmed?: boolean | undefined;
}

export interface ApprovalRecord {
  tool: string;
  reason: string;
  decision: 'approved' | 'rejected' | 'pending';
}

export interface TurnRecord {
  customer: string;
  agent: string;
  toolCalls: ToolCallRecord[];
  approvals: ApprovalRecord[];
  latencyMs: number;
}

export interface Transcript {
  turns: TurnRecord[];
  /** The conversation was handed to a human. */
  escalated: boolean;
  /**
   * Tokens the agent's model reported over the whole trial (the simulated user's model is not counted), and their
   * cost at the configured price; costUsd is undefined when no price is configured.
   */
  usage?: { inputTokens: number; outputTokens: number; modelCalls: number; costUsd?: number | undefined } | undefined;
  /** Set when the agent crashed; the scenario fails with it. */
  crash?: string | undefined;
}

export function allToolCalls(transcript: Transcript): ToolCallRecord[] {
  return transcript.turns.flatMap((t) => t.toolCalls);
}
