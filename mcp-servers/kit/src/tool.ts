import type { z } from 'zod';
import type { Queryable } from './db/database.ts';
import type { Principal, PrincipalKind } from './principal.ts';

export type ToolKind = 'read' | 'write';

/** A source the decision relied on, recorded in the ledger (e.g. a policy chunk and its document version). */
export interface Evidence {
  kind: 'policy' | 'record' | 'document';
  id: string;
  version?: string;
  note?: string;
}

/**
 * The facts a write exposes to policy before it runs. `assess` computes them read-only, inside the same
 * transaction as the effect, so the decision and the effect see the same data.
 */
export interface ActionFacts {
  /** Customer whose data the action touches; checked against the principal (and the agent's conversation binding). */
  customerId?: string | undefined;
  orderId?: string | undefined;
  /** Money the action moves (refund, charge, discount), in the store currency. */
  amount?: number | undefined;
  /** Current status of the subject (e.g. the order status), for policy `statuses` rules. */
  status?: string | undefined;
  /** ISO timestamp that policy windows count from (e.g. delivery time for returns). */
  since?: string | undefined;
  /** Anything else a policy rule may reference. */
  attributes?: Record<string, string | number | boolean> | undefined;
}

/** What the caller may see: resolves customer scoping without leaking which ids exist. */
export interface CustomerAccess {
  /**
   * Throws NOT_FOUND with `notFoundMessage` when the principal may not touch `customerId`
   * (another customer's data is answered exactly like data that does not exist).
   */
  assertCustomer(customerId: string, notFoundMessage: string): Promise<void>;
  /** For an agent principal: binds its conversation to the customer it just authenticated. */
  bindCustomer(customerId: string): Promise<void>;
  /** The customer this call is limited to, if any (customer principal, or agent bound to one). */
  boundCustomerId(): Promise<string | undefined>;
}

export interface ToolContext<Backend> {
  /** The system's backend for this call. For write tools on the reference backend it is bound to the call's transaction. */
  backend: Backend;
  principal: Principal;
  access: CustomerAccess;
  /** Idempotency key of this write, when the caller gave one; adapters to remote systems forward it. */
  idempotencyKey: string | undefined;
  /** Adds grounding evidence to this call's ledger entries. */
  cite(evidence: Evidence): void;
  now(): Date;
}

export interface CompensationSpec<I, O> {
  /** Name of the tool (on the same server) that undoes this one. */
  tool: string;
  /**
   * Arguments for that tool, from this call's input and output; null when this call created nothing to undo (its
   * output says the effect was already in place before it, e.g. `replayed: true` from the backend). A replay of the
   * call's own idempotency key returns the first call's output, which did create it.
   */
  args: (input: I, output: O) => Record<string, unknown> | null;
}

/** A write nothing undoes, and why, e.g. "undoes reserve_stock" or "final: a cancelled order is not reopened". */
export interface NoCompensation {
  none: string;
}

/** The compensation of `tool` when it names an inverse tool; undefined when it has none. */
export function inverseOf<I, O>(tool: { compensation?: CompensationSpec<I, O> | NoCompensation | undefined }): CompensationSpec<I, O> | undefined {
  const spec = tool.compensation;
  return spec && 'tool' in spec ? spec : undefined;
}

export interface ToolDefinition<I extends z.ZodRawShape, O extends z.ZodRawShape, Backend> {
  /** snake_case verb_noun (e.g. "cancel_pending_order"), unless `nameException` says why not. */
  name: string;
  /**
   * Opt-out of the verb_noun rule for a name given from outside, saying why (e.g. 'tau-bench tool name' for
   * τ-bench's `think` and `calculate`). The name must still be lower-case snake_case, one word allowed.
   */
  nameException?: string | undefined;
  title: string;
  /** When to use it, written for a model. */
  description: string;
  input: I;
  output: O;
  kind: ToolKind;
  /** Policy action class of a write, e.g. "order.cancel", "refund.issue". Defaults to the tool name. */
  action?: string;
  /**
   * The principal kinds that may call this tool at all (others are refused FORBIDDEN before anything runs); left out,
   * any kind holding the system's scope. For back-office tools keyed by ids the server cannot tie to the caller (a WMS
   * reservation or a pricing redemption keyed by an OMS order id), where answering a customer would reveal or change
   * another customer's data.
   */
  callers?: readonly PrincipalKind[];
  /** Extra MCP annotation hints; readOnly/destructive/idempotent are derived from `kind`. */
  annotations?: { idempotentHint?: boolean; destructiveHint?: boolean; openWorldHint?: boolean };
  assess?: (input: z.infer<z.ZodObject<I>>, ctx: ToolContext<Backend>) => Promise<ActionFacts>;
  /**
   * `'backend'`: every change the handler makes goes through `ctx.backend` (no ports to other systems, no sagas, no
   * remote calls). Served by a backend declared with `transactionalBackend` (its changes are in the call's
   * transaction), such a write is admitted at commit: its idempotency key and velocity count are written in the
   * ledger append's statement instead of a statement of their own before the handler, and a duplicate is rolled back
   * whole (docs/decisions/0701). Left out, the key is claimed before the handler runs, which is right for any effect.
   */
  effects?: 'backend';
  /**
   * Required of every write: the write tool of the same server that undoes it (`{ tool, args }`), or `{ none: why }`
   * when nothing does (it is itself the inverse of another write, or its effect is final). Sagas undo completed steps
   * through these; a step that cannot be undone may only be a saga's last step (runSaga). Reads declare none.
   */
  compensation?: CompensationSpec<z.infer<z.ZodObject<I>>, z.infer<z.ZodObject<O>>> | NoCompensation;
  handler: (input: z.infer<z.ZodObject<I>>, ctx: ToolContext<Backend>) => Promise<z.infer<z.ZodObject<O>>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolDefinition<Backend> = ToolDefinition<any, any, Backend>;

const VERB_NOUN = /^[a-z]+(_[a-z0-9]+)+$/;
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Our tools are named snake_case verb_noun; a name given from outside may be any snake_case with a stated reason. */
export function assertToolName(name: string, nameException?: string): void {
  if (nameException !== undefined) {
    if (nameException.trim() === '') throw new Error(`tool "${name}": nameException must say why the name is exempt (e.g. 'tau-bench tool name'), not be empty`);
    if (!SNAKE_CASE.test(name)) throw new Error(`tool name "${name}" must be lower-case snake_case (one word allowed with a nameException)`);
    return;
  }
  if (!VERB_NOUN.test(name)) {
    throw new Error(`tool name "${name}" must be snake_case verb_noun, e.g. "cancel_pending_order"; a name given from outside (a benchmark's) needs nameException with the reason`);
  }
}

/** Every write says how it is undone, or why it is not; a read says nothing about it. */
function assertCompensationDeclared(definition: { name: string; kind: ToolKind; compensation?: CompensationSpec<never, never> | NoCompensation | undefined }): void {
  const spec = definition.compensation;
  if (definition.kind === 'read') {
    if (spec !== undefined) throw new Error(`tool "${definition.name}" is a read: it has nothing to compensate, so it must not declare a compensation`);
    return;
  }
  if (spec === undefined) {
    throw new Error(`write tool "${definition.name}" must declare its compensation: { tool, args } naming the write that undoes it, or { none: '<why nothing does>' }`);
  }
  if ('none' in spec) {
    if (typeof spec.none !== 'string' || spec.none.trim() === '') throw new Error(`write tool "${definition.name}": compensation { none } must say why nothing undoes it, not be empty`);
  } else if (typeof spec.tool !== 'string' || spec.tool === '' || typeof spec.args !== 'function') {
    throw new Error(`write tool "${definition.name}": compensation must name the tool that undoes it (itself, for a write that sets a value back) and give args(input, output)`);
  }
}

/** Identity function that keeps the input/output types of a tool definition (checks the name). */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape, Backend>(
  definition: ToolDefinition<I, O, Backend>,
): ToolDefinition<I, O, Backend> {
  assertToolName(definition.name, definition.nameException);
  assertCompensationDeclared(definition);
  return definition;
}

/** How a server reaches its backend: given the call's query handle (a transaction for writes), return the backend. */
export type BackendFactory<Backend> = (q: Queryable) => Backend;

const TRANSACTIONAL = Symbol('transactional backend');

/**
 * Declares that every change `factory`'s backend makes is a statement on the query handle it is given, so it commits
 * or rolls back with the call's transaction (the reference backends; not an adapter calling a remote OMS). Write tools
 * with `effects: 'backend'` on such a backend are admitted at commit (see ToolDefinition.effects).
 */
export function transactionalBackend<Backend>(factory: BackendFactory<Backend>): BackendFactory<Backend> {
  const marked: BackendFactory<Backend> & { [TRANSACTIONAL]?: true } = (q) => factory(q);
  marked[TRANSACTIONAL] = true;
  return marked;
}

export const isTransactionalBackend = <Backend>(factory: BackendFactory<Backend>): boolean => (factory as { [TRANSACTIONAL]?: true })[TRANSACTIONAL] === true;

/**
 * Binds the backend type once per server: `const tool = toolFor<OmsBackend>();` then `export const getOrder = tool({...})`.
 */
export function toolFor<Backend>() {
  return <I extends z.ZodRawShape, O extends z.ZodRawShape>(definition: ToolDefinition<I, O, Backend>): ToolDefinition<I, O, Backend> =>
    defineTool(definition);
}
