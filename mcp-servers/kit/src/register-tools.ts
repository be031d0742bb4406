import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { CommerceError, isCommerceError } from './errors.ts';
import { principalSchema, type Principal } from './principal.ts';
import type { KitRuntime } from './action-runtime.ts';
import type { Policy } from './policy/load-policy.ts';
import { describeUnknownAction, unknownPolicyActions } from './policy/unknown-actions.ts';
import type { ActionRuntime } from './runtime.ts';
import { inverseOf, type AnyToolDefinition, type BackendFactory } from './tool.ts';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Fields the action layer adds to every write tool's input. */
export const actionFields = {
  idempotency_key: z
    .string({
      error: (issue) => issue.input === undefined
        ? 'idempotency_key is required on every write: send a new key for each action you intend and the same key when retrying it (8-200 chars of A-Z a-z 0-9 . _ : -)'
        : 'idempotency_key must be a string',
    })
    .min(8)
    .max(200)
    .regex(/^[A-Za-z0-9._:\-]+$/)
    .describe('Required: a new key for each action you intend (8-200 chars of A-Z a-z 0-9 . _ : -), the same key when you retry that action. A retry with the same key returns the first result and never repeats the effect; reusing it with other arguments is a CONFLICT.'),
  approval_id: z
    .string()
    .optional()
    .describe('Id of an operator approval, when a previous call answered APPROVAL_REQUIRED. Only valid for exactly the same arguments.'),
};

/** The principal of this request: the verified token's (HTTP) or the runtime's default (stdio, in memory). */
export function principalOf(extra: Extra | undefined, runtime: ActionRuntime): Principal {
  const fromToken = extra?.authInfo?.extra?.principal;
  if (fromToken !== undefined) return principalSchema.parse(fromToken);
  if (runtime.defaultPrincipal) return runtime.defaultPrincipal;
  throw new CommerceError('UNAUTHENTICATED', 'this call carries no credentials: send a bearer token');
}

/** Where a tool error's code, message and details travel: `_meta`, since `structuredContent` must match the output schema. */
export const TOOL_ERROR_META = 'agentic-commerce/error';

export interface ToolErrorPayload {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export function errorResult(error: unknown): CallToolResult {
  const known = isCommerceError(error) ? error : new CommerceError('INTERNAL', 'internal error; the operator has the details', { cause: error });
  const prefix = known.code === 'INTERNAL' ? '' : `${known.code}: `;
  return {
    isError: true,
    content: [{ type: 'text', text: `${prefix}${known.message}` }],
    _meta: { [TOOL_ERROR_META]: known.toJSON() },
  };
}

/**
 * The kit error of a tool result, or undefined for a success. Results without the kit's `_meta` (e.g. the SDK's own
 * input-validation errors) are read from their "CODE: message" text, else reported as INVALID_ARGUMENT.
 */
export function toolErrorOf(result: { isError?: boolean; content?: unknown; _meta?: Record<string, unknown> }): ToolErrorPayload | undefined {
  if (!result.isError) return undefined;
  const meta = result._meta?.[TOOL_ERROR_META] as ToolErrorPayload | undefined;
  if (meta && typeof meta.code === 'string') return meta;
  const text = Array.isArray(result.content) ? result.content.map((c: { type?: string; text?: string }) => (c.type === 'text' ? c.text : '')).join(' ') : '';
  const prefixed = /^([A-Z_]+): ([\s\S]*)$/.exec(text);
  return prefixed ? { code: prefixed[1]!, message: prefixed[2]! } : { code: 'INVALID_ARGUMENT', message: text };
}

export function successResult(output: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
}

/** Policies already checked against a system's tools (a server registers its tools once per HTTP session). */
const checked = new WeakMap<Policy, Set<string>>();

/**
 * One policy file serves every system, so a server cannot tell another system's class from a typo; it warns about
 * classes within two edits of one its own tools declare ("order.retrun" on the OMS), once per policy and system.
 * `policy check --strict` checks every class against all servers' actions.
 */
function warnAboutNearMisses(kit: Partial<Pick<KitRuntime, 'policy' | 'logger'>>, system: string, tools: readonly Pick<AnyToolDefinition<never>, 'kind' | 'action' | 'name'>[]): void {
  if (!kit.policy || !kit.logger) return;
  const systems = checked.get(kit.policy) ?? new Set<string>();
  checked.set(kit.policy, systems);
  if (systems.has(system)) return;
  systems.add(system);
  const actions = tools.filter((t) => t.kind === 'write').map((t) => t.action ?? t.name);
  for (const unknown of unknownPolicyActions(kit.policy, actions)) {
    if (unknown.distance === undefined || unknown.distance > 2) continue;
    kit.logger.warn({ policy: kit.policy.source, action: unknown.action, nearest: unknown.nearest }, `policy ${kit.policy.source}: ${describeUnknownAction(unknown, `no ${system} tool`)}`);
  }
}

/**
 * Wires tool definitions into an McpServer. This is the only place tools meet MCP: descriptions, schemas,
 * annotations, the action layer and the mapping of errors onto the tool-error channel.
 */
export function registerTools<Backend>(
  server: McpServer,
  system: string,
  tools: readonly AnyToolDefinition<Backend>[],
  runtime: ActionRuntime,
  backend: BackendFactory<Backend>,
): void {
  // The in-process kit runtime (createActionRuntime) also checks the policy's classes and approval edits.
  const kit = runtime as Partial<Pick<KitRuntime, 'policy' | 'logger' | 'approvals'>>;
  warnAboutNearMisses(kit, system, tools);
  assertInversesServed(system, tools);
  for (const tool of tools) {
    const write = tool.kind === 'write';
    if (write) kit.approvals?.registerInput(system, tool.name, tool.input);
    const inputSchema = write ? { ...tool.input, ...actionFields } : tool.input;
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema,
        outputSchema: tool.output,
        annotations: {
          title: tool.title,
          readOnlyHint: !write,
          destructiveHint: write ? (tool.annotations?.destructiveHint ?? true) : false,
          idempotentHint: write ? (tool.annotations?.idempotentHint ?? false) : true,
          openWorldHint: tool.annotations?.openWorldHint ?? false,
        },
      },
      async (args: Record<string, unknown>, extra: Extra): Promise<CallToolResult> => {
        try {
          const { idempotency_key, approval_id, ...input } = args as Record<string, unknown> & {
            idempotency_key?: string;
            approval_id?: string;
          };
          const principal = principalOf(extra, runtime);
          const output = await runtime.invoke(
            { system, tool, input: write ? input : args, principal, idempotencyKey: idempotency_key, approvalId: approval_id },
            backend,
          );
          return successResult(output);
        } catch (error) {
          return errorResult(error);
        }
      },
    );
  }
}

/** Each write's compensating tool is a write this server serves, so a saga can always reach the inverse it names. */
function assertInversesServed<Backend>(system: string, tools: readonly AnyToolDefinition<Backend>[]): void {
  for (const tool of tools) {
    const inverse = inverseOf(tool);
    if (inverse && !tools.some((t) => t.name === inverse.tool && t.kind === 'write')) {
      throw new Error(`${system}: write tool "${tool.name}" is compensated by "${inverse.tool}", which is not a write tool this server serves (tools: ${tools.map((t) => t.name).join(', ')})`);
    }
  }
}
