import type { Database, Queryable } from './db/database.ts';
import { CommerceError, notFound } from './errors.ts';
import { hasScope, type Principal, type PrincipalKind } from './principal.ts';
import type { AnyToolDefinition, BackendFactory, CustomerAccess, Evidence, ToolContext } from './tool.ts';

/** One tool call as the action layer sees it, after MCP validated the arguments. */
export interface ToolCall<Backend> {
  /** The system the tool belongs to ("oms", "wms", ...); scopes are "<system>:read" / "<system>:write". */
  system: string;
  tool: AnyToolDefinition<Backend>;
  /** Validated arguments, without the action-layer fields below. */
  input: Record<string, unknown>;
  principal: Principal;
  idempotencyKey?: string | undefined;
  approvalId?: string | undefined;
}

/**
 * The action layer every server runs its tools through. It is binding: whoever calls the tool,
 * the checks here run in the server.
 */
export interface ActionRuntime {
  readonly db: Database;
  /** The principal used when the transport carries none (stdio launch configuration, in-memory tests). */
  readonly defaultPrincipal: Principal | undefined;
  invoke<Backend>(call: ToolCall<Backend>, backend: BackendFactory<Backend>): Promise<Record<string, unknown>>;
}

export interface RuntimeOptions {
  db: Database;
  defaultPrincipal?: Principal | undefined;
  now?: () => Date;
}

/** Keeps which customer each agent conversation is bound to. */
export interface BindingStore {
  get(conversationId: string): Promise<string | undefined>;
  /** Binds the conversation to `customerId` unless it is bound already; answers the customer it is bound to after the call. */
  set(conversationId: string, customerId: string): Promise<string>;
}

export function memoryBindingStore(): BindingStore {
  const bindings = new Map<string, string>();
  return {
    get: async (id) => bindings.get(id),
    set: async (id, customerId) => {
      if (!bindings.has(id)) bindings.set(id, customerId);
      return bindings.get(id)!;
    },
  };
}

export function customerAccess(principal: Principal, bindings: BindingStore): CustomerAccess {
  const bound = async (): Promise<string | undefined> => {
    if (principal.kind === 'customer') return principal.customerId;
    if (principal.kind === 'agent' && principal.conversationId) return bindings.get(principal.conversationId);
    return undefined;
  };
  return {
    boundCustomerId: bound,
    async assertCustomer(customerId, notFoundMessage) {
      if (principal.kind === 'customer' && principal.customerId !== customerId) throw notFound(notFoundMessage);
      if (principal.kind === 'agent') {
        const current = await bound();
        // An agent must authenticate the customer first; after that it may only touch that customer.
        if (current === undefined || current !== customerId) throw notFound(notFoundMessage);
      }
    },
    async bindCustomer(customerId) {
      if (principal.kind === 'customer') {
        if (principal.customerId !== customerId) throw notFound('no customer matches those details');
        return;
      }
      if (principal.kind !== 'agent' || !principal.conversationId) return;
      // Two lookups racing in one conversation: the store binds one of them, and the other is refused here.
      const current = (await bindings.get(principal.conversationId)) ?? (await bindings.set(principal.conversationId, customerId));
      if (current !== customerId) {
        throw new CommerceError('FORBIDDEN', 'this conversation is already bound to another customer; start a new conversation to help someone else');
      }
    },
  };
}

/** Refuses a principal whose kind the tool does not serve (ToolDefinition.callers). */
export function requireCaller(principal: Principal, tool: { name: string; callers?: readonly PrincipalKind[] | undefined }): void {
  if (tool.callers && !tool.callers.includes(principal.kind)) {
    throw new CommerceError('FORBIDDEN', `${tool.name} is a back-office tool for ${tool.callers.join(', ')} principals; a ${principal.kind} principal may not call it`);
  }
}

export function requireScope(principal: Principal, scope: string): void {
  if (!hasScope(principal, scope)) {
    throw new CommerceError('FORBIDDEN', `principal ${principal.id} (${principal.kind}) lacks the "${scope}" scope`);
  }
}

export function buildContext<Backend>(
  call: ToolCall<Backend>,
  q: Queryable,
  backend: BackendFactory<Backend>,
  access: CustomerAccess,
  evidence: Evidence[],
  now: () => Date,
): ToolContext<Backend> {
  return {
    backend: backend(q),
    principal: call.principal,
    access,
    idempotencyKey: call.idempotencyKey,
    cite: (e) => void evidence.push(e),
    now,
  };
}
