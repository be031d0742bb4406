import type { FlowContext } from '../flows/flow-context.ts';
import type { Task, TaskStatus } from './tasks.ts';
import { flows } from './flow-registry.ts';

/** Judges a task by running its flow on what is known now: a tool call means ready, a refusal means refused. */
export function taskStatus(ctx: Omit<FlowContext, 'agenda'>): TaskStatus {
  return (task: Task) => {
    const entry = flows[task.intent];
    if (!entry || !entry.needsAnyOf.some((name) => ctx.tools.has(name))) return 'waiting';
    const step = entry.flow({ ...ctx, agenda: { tasks: [], latest: [], latestAt: -1 } }, task);
    if (step.kind === 'call') return 'ready';
    return step.refusal ? 'refused' : 'waiting';
  };
}
