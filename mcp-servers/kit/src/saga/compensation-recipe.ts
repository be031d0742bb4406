import type { KitRuntime } from '../action-runtime.ts';
import { FENCED_BY_RECOVERY, idempotencyScope } from '../idempotency/idempotency-store.ts';
import type { Principal } from '../principal.ts';
import { inverseOf, type AnyToolDefinition, type BackendFactory } from '../tool.ts';
import type { NothingToUndo } from './saga-compensation.ts';

/** A tool call as data: what a process that did not run the saga needs to make it again through the action layer. */
export interface ToolCallRecipe {
  system: string;
  tool: string;
  input: Record<string, unknown>;
  principal: Principal;
}

/** A compensation as data: a tool call, or a handler that recovery looks up by name with these arguments. */
export type CompensationRecipe = ToolCallRecipe | { handler: string; args: unknown };

/**
 * How recovery (recover-sagas.ts) undoes a step after the process that ran it is gone. A step's `compensate` is a
 * closure, lost with its process; this is its description, kept with the saga's progress. `toolStep` fills it in.
 */
export interface StepRecovery<T> {
  /**
   * The step's forward tool call, kept before it runs: when the process stopped before the step's end was recorded,
   * recovery reads the call's committed output under the step's idempotency key (none: it never took effect).
   */
  call?: ToolCallRecipe;
  /** The compensation for this result, or `{ skipped }` when the step created nothing to undo. Must be JSON. */
  undo(result: T): CompensationRecipe | NothingToUndo;
}

/** One system whose tools recovery may call: the same `tools` and `backend` its toolSteps got. */
export interface RecoverableSystem {
  system: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tools: readonly AnyToolDefinition<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  backend: BackendFactory<any>;
  /** The runtime its toolSteps called it through, when it is not the one recovery runs with. */
  runtime?: KitRuntime;
}

export type CompensationHandler = (args: unknown, ctx: { idempotencyKey: string }) => Promise<void | NothingToUndo>;

/** What recovery can run: systems' tools (for tool compensations) and named handlers (for the others). */
export interface SagaCompensations {
  systems?: readonly RecoverableSystem[];
  handlers?: Readonly<Record<string, CompensationHandler>>;
}

const isToolCall = (recipe: CompensationRecipe): recipe is ToolCallRecipe => 'system' in recipe;

function systemOf(registry: SagaCompensations, name: string): RecoverableSystem {
  const found = registry.systems?.find((s) => s.system === name);
  if (!found) {
    const known = registry.systems?.map((s) => s.system).join(', ') || 'none';
    throw new Error(`recovery has no tools for system ${name} (known: ${known}); pass that system's tools and backend in compensations.systems`);
  }
  return found;
}

function toolOf(system: RecoverableSystem, name: string) {
  const tool = system.tools.find((t) => t.name === name);
  if (!tool) throw new Error(`recovery: no tool named ${name} on ${system.system} (known: ${system.tools.map((t) => t.name).join(', ')})`);
  return tool;
}

/** Runs a recorded compensation with its idempotency key (so a compensation that already ran is replayed, not repeated). */
export async function runRecipe(runtime: KitRuntime, registry: SagaCompensations, recipe: CompensationRecipe | NothingToUndo, idempotencyKey: string): Promise<void | NothingToUndo> {
  if ('skipped' in recipe) return recipe;
  if (!isToolCall(recipe)) {
    const handler = registry.handlers?.[recipe.handler];
    if (!handler) throw new Error(`recovery has no compensation handler named ${recipe.handler} (known: ${Object.keys(registry.handlers ?? {}).join(', ') || 'none'}); pass it in compensations.handlers`);
    return handler(recipe.args, { idempotencyKey });
  }
  const system = systemOf(registry, recipe.system);
  await (system.runtime ?? runtime).invoke({ system: recipe.system, tool: toolOf(system, recipe.tool), input: recipe.input, principal: recipe.principal, idempotencyKey }, system.backend);
  return undefined;
}

/**
 * The compensation of a tool step whose end was never recorded: its call's committed output under its idempotency key,
 * turned into the inverse by the tool's compensation spec; `{ skipped }` when the call never committed (settleCall:
 * nor ever will).
 */
export async function undoOfUnfinishedCall(runtime: KitRuntime, registry: SagaCompensations, call: ToolCallRecipe, idempotencyKey: string, waitMs = FENCE_WAIT_MS): Promise<CompensationRecipe | NothingToUndo> {
  const system = systemOf(registry, call.system);
  const tool = toolOf(system, call.tool);
  const output = await settleCall(runtime, registry, call, idempotencyKey, waitMs);
  if (!output) return { skipped: `the step's call (${call.tool}) never committed: the process stopped before it took effect` };
  const spec = inverseOf(tool);
  if (!spec) return { skipped: tool.compensation && 'none' in tool.compensation ? `${call.tool} cannot be undone: ${tool.compensation.none}` : `${call.tool} has no compensation` };
  const input = spec.args(call.input, output);
  if (input === null) return { skipped: `${call.tool} created nothing to undo: its effect was already in place before this saga's call` };
  return { system: call.system, tool: spec.tool, input, principal: call.principal };
}

/** How long recovery waits for a step's call still holding its key in an open transaction (RecoverSagasOptions.callWaitMs). */
export const FENCE_WAIT_MS = 10_000;

/** The step's call still holds its key in an open transaction (its process stalled): a later recovery looks again. */
export class CallInProgress extends Error {
  constructor(key: string) {
    super(`the call of key ${key} is still in progress in another transaction; the next recovery looks again`);
  }
}

// The args hash of a fence row (FENCED_BY_RECOVERY): no call's arguments hash to it, so a later call with the key is
// refused CONFLICT, saying why.

/**
 * Settles a step's tool call whose end was never recorded, for good: the output it committed under its idempotency
 * key, or undefined when it never committed — and then it never will, because recovery takes the key first with a fence
 * row (a later call with the key, e.g. from a stalled process, is refused CONFLICT; a write admitted at commit finds
 * the key taken and rolls back whole). A call still in flight that already claimed the key is waited for — the fence's
 * INSERT waits on the claim until its transaction ends — for `waitMs` at most (then CallInProgress).
 */
export async function settleCall(runtime: KitRuntime, registry: SagaCompensations, call: ToolCallRecipe, idempotencyKey: string, waitMs = FENCE_WAIT_MS): Promise<Record<string, unknown> | undefined> {
  const system = systemOf(registry, call.system);
  const on = system.runtime ?? runtime;
  const scope = idempotencyScope(call.system, call.principal);
  let fenced: unknown[];
  try {
    fenced = await on.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(waitMs))}`); // a call stalled inside its transaction is not waited for long
      return tx.query(
        `INSERT INTO ${on.schema}.idempotency (scope, key, args_hash, result, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
        [scope, idempotencyKey, FENCED_BY_RECOVERY, JSON.stringify({ fenced: 'saga recovery: this step had not taken effect' }), on.now().toISOString()],
      );
    });
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') throw new CallInProgress(idempotencyKey);
    throw error;
  }
  if (fenced.length > 0) return undefined;
  const [row] = await on.db.query<{ args_hash: string; result: string | null }>(`SELECT args_hash, result FROM ${on.schema}.idempotency WHERE scope = $1 AND key = $2`, [scope, idempotencyKey]);
  if (!row || row.args_hash === FENCED_BY_RECOVERY) return undefined; // fenced by an earlier recovery
  if (row.result === null) throw new CallInProgress(idempotencyKey);
  return JSON.parse(row.result) as Record<string, unknown>;
}
