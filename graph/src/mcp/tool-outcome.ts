import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toolErrorOf } from '@agentic-commerce/kit';

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
  const error = toolErrorOf(result) ?? { code: 'INTERNAL', message: text };
  return { ok: false, text: `${error.code}: ${error.message}`, code: error.code, message: error.message, details: error.details };
}

/** A failure of the transport or the client (not a tool error): reported to the model as UNAVAILABLE. */
export function unavailableOutcome(tool: string, error: unknown): ToolOutcome {
  const message = `${tool} could not be reached (${error instanceof Error ? error.message : String(error)}); nothing is known to have changed, try again later`;
  return { ok: false, text: `UNAVAILABLE: ${message}`, code: 'UNAVAILABLE', message, details: undefined };
}
