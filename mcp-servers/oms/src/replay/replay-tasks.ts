import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { exportTauState, type TauState } from '../import/tau-bench.ts';
import { firstDifference } from './first-difference.ts';
import type { GoldTask, TauTask } from './gold-file.ts';
import type { ChangedRecordIds } from '../store/oms-backend.ts';
import type { ReplayWorld } from './replay-world.ts';

export interface TaskOutcome {
  taskIndex: number;
  userId: string;
  /** Undefined when the final state and the refusals match the gold; else the first difference. */
  failure: string | undefined;
}

type Kind = keyof TauState;
const KINDS: Kind[] = ['users', 'orders', 'products'];

function errorText(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join(' ');
}

const writeToolsOf = new WeakMap<Client, Promise<Set<string>>>();

/** The tools the server marks as changing something (not read-only): they take an idempotency key. */
function writeTools(client: Client): Promise<Set<string>> {
  let tools = writeToolsOf.get(client);
  if (!tools) {
    tools = client.listTools().then((listed) => new Set(listed.tools.filter((t) => t.annotations?.readOnlyHint !== true).map((t) => t.name)));
    writeToolsOf.set(client, tools);
  }
  return tools;
}

/**
 * Replays one task's gold actions through the MCP client, then compares the records either side changed
 * with the gold final state (initial data overlaid with the gold's changed records).
 */
export async function replayTask(
  world: ReplayWorld,
  initial: TauState,
  task: TauTask,
  gold: GoldTask,
): Promise<TaskOutcome & { changed?: ChangedRecordIds }> {
  const outcome = (failure?: string, changed?: ChangedRecordIds) => ({ taskIndex: task.task_index, userId: task.user_id, failure, changed });
  const expectedErrors = new Set(gold.replay_errors.map((e) => e.action_index));
  const writes = await writeTools(world.client);
  const run = randomUUID().slice(0, 8); // a replay is a new action each time: its writes get keys of their own
  for (const [index, action] of task.actions.entries()) {
    const args = writes.has(action.name) ? { ...action.kwargs, idempotency_key: `replay-${run}-${task.task_index}-${index}` } : action.kwargs;
    const result = (await world.client.callTool({ name: action.name, arguments: args })) as CallToolResult;
    if (Boolean(result.isError) !== expectedErrors.has(index)) {
      return outcome(
        result.isError
          ? `action ${index} ${action.name} was refused but the benchmark accepts it: ${errorText(result)}`
          : `action ${index} ${action.name} was accepted but the benchmark refuses it: ${gold.replay_errors.find((e) => e.action_index === index)?.observation}`,
      );
    }
  }
  const changed = await world.backend.changedRecordIds();
  const ids = Object.fromEntries(KINDS.map((k) => [k, [...new Set([...changed[k], ...Object.keys(gold.changed_records[k] ?? {})])]])) as Record<Kind, string[]>;
  const actual = await exportTauState(world.backend, ids);
  for (const kind of KINDS) {
    for (const id of ids[kind]) {
      const expected = gold.changed_records[kind]?.[id] ?? (initial[kind] as Record<string, unknown>)[id];
      const diff = firstDifference(expected, (actual[kind] as Record<string, unknown>)[id], `${kind}["${id}"]`);
      if (diff) return outcome(diff, changed);
    }
  }
  return outcome(undefined, changed);
}

/** Replays every task on a fresh world each (the world is reset after each task). */
export async function replayTasks(
  world: ReplayWorld,
  initial: TauState,
  tasks: readonly TauTask[],
  gold: ReadonlyMap<number, GoldTask>,
): Promise<TaskOutcome[]> {
  const outcomes: TaskOutcome[] = [];
  for (const task of tasks) {
    const entry = gold.get(task.task_index);
    if (!entry || entry.user_id !== task.user_id) {
      outcomes.push({ taskIndex: task.task_index, userId: task.user_id, failure: 'no gold final state for this task (index and user must match)' });
      continue;
    }
    let changed: ChangedRecordIds | undefined;
    try {
      const { changed: touched, ...result } = await replayTask(world, initial, task, entry);
      changed = touched;
      outcomes.push(result);
    } finally {
      await world.reset(changed);
    }
  }
  return outcomes;
}
