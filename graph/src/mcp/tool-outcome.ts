import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** What one MCP tool call came back with, as the graph reasons about it. */
export type ToolOutcome =
  | { ok: true; text: string; data: Record<string, unknown> | undefined }
  | { ok: false; text: string; code: string; message: string; details: Record<string, unknown> | undefined };

function textOf(result: CallToolResult): string {
  return result.content
    .map((part) => (part.type === 'text' ? part.text : `[${part.type}]`))
    .join('\n');
}

/** Maps an MCP result (success or tool error) to an outcome; errors keep their kit code ("CODE: message"). */
export function toOutcome(result: CallToolResult): ToolOutcome {
  const text = textOf(result);
  const structured = result.structuredContent as Record<string, unknown> | undefined;
  if (!result.isError) return { ok: true, text, data: structured };
  const error = (structured?.error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const prefixed = /^([A-Z_]+): ([\s\S]*)$/.exec(text);
  const code = typeof error.code === 'string' ? error.code : (prefixed?.[1] ?? 'INTERNAL');
  const message = typeof error.message === 'string' ? error.message : (prefixed?.[2] ?? text);
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
  return { ok: false, text: `${code}: ${message}`, code, message, details };
}

/** A failure of the transport or the client (not a tool error): reported to the model as UNAVAILABLE. */
export function unavailableOutcome(tool: string, error: unknown): ToolOutcome {
  const message = `${tool} could not be reached (${error instanceof Error ? error.message : String(error)}); nothing is known to have changed, try again later`;
  return { ok: false, text: `UNAVAILABLE: ${message}`, code: 'UNAVAILABLE', message, details: undefined };
}
