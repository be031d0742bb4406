import { runConversation, type ToolCallRecord } from './conversation-runner.ts';
import { scriptedTasks, type ScriptedTask } from './scripted-tasks.ts';
import { loadFixture } from './tau-simulator.ts';

export interface TaskAgreement {
  taskIndex: number;
  /** Gold write calls that the benchmark's tools accept. */
  gold: ToolCallRecord[];
  /** Gold write calls that the benchmark's tools refuse (they change nothing; the policy forbids them). */
  refusedGold: ToolCallRecord[];
  emitted: ToolCallRecord[];
  /** Gold write calls the planner emitted with exactly the same name and arguments. */
  matched: number;
  /** True when the emitted writes are exactly the gold writes, in order. */
  exact: boolean;
  replies: string[];
}

const canonical = (call: ToolCallRecord) => JSON.stringify([call.name, Object.fromEntries(Object.entries(call.args).sort())]);

/** Runs every scripted τ-bench task and compares the planner's write calls with the gold actions. */
export async function measureAgreement(tasks: ScriptedTask[] = scriptedTasks): Promise<TaskAgreement[]> {
  const fixture = loadFixture();
  const results: TaskAgreement[] = [];
  for (const task of tasks) {
    const actions = fixture.goldActions[`${task.split ?? 'train'}:${task.taskIndex}`] ?? [];
    const gold = actions.filter((a) => !a.refusedByTools).map((a) => ({ name: a.name, args: a.kwargs }));
    const refusedGold = actions.filter((a) => a.refusedByTools).map((a) => ({ name: a.name, args: a.kwargs }));
    const run = await runConversation(task.turns);
    const remaining = run.writes.map(canonical);
    let matched = 0;
    for (const g of gold) {
      const at = remaining.indexOf(canonical(g));
      if (at >= 0) {
        matched += 1;
        remaining.splice(at, 1);
      }
    }
    const exact = gold.length === run.writes.length && gold.every((g, i) => canonical(g) === canonical(run.writes[i] ?? { name: '', args: {} }));
    results.push({ taskIndex: task.taskIndex, gold, refusedGold, emitted: run.writes, matched, exact, replies: run.replies });
  }
  return results;
}
