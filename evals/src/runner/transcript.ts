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
  usage?: { inputTokens: number; outputTokens: number; costUsd: number } | undefined;
  /** Set when the agent crashed; the scenario fails with it. */
  crash?: string | undefined;
}

export function allToolCalls(transcript: Transcript): ToolCallRecord[] {
  return transcript.turns.flatMap((t) => t.toolCalls);
}
