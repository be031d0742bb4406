import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';

export const taskSchema = z.object({
  task_index: z.number().int(),
  user_id: z.string(),
  actions: z.array(z.object({ name: z.string(), kwargs: z.record(z.string(), z.unknown()) })),
});
export type TauTask = z.infer<typeof taskSchema>;

const recordsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));
export const goldTaskSchema = z.object({
  task_index: z.number().int(),
  user_id: z.string(),
  replay_errors: z.array(z.object({ action_index: z.number().int(), name: z.string(), observation: z.string() })),
  changed_records: z.object({ users: recordsSchema.optional(), orders: recordsSchema.optional(), products: recordsSchema.optional() }),
});
export type GoldTask = z.infer<typeof goldTaskSchema>;
const goldFileSchema = z.object({ splits: z.record(z.string(), z.array(goldTaskSchema)) });

async function parseFile<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`cannot read ${what} ${path}: ${(cause as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path} is not a τ-bench ${what}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export const readTasks = (path: string) => parseFile(path, z.array(taskSchema), 'tasks file');

/**
 * The gold entry of each task. The split is `split` when given, else the one named by the tasks file
 * (tasks_<split>.json), else the only split whose entries match every task's index and user.
 */
export async function readGold(path: string, tasks: readonly TauTask[], tasksPath: string, split?: string): Promise<{ split: string; gold: Map<number, GoldTask> }> {
  const file = await parseFile(path, goldFileSchema, 'gold final states file');
  const named = split ?? /^tasks_(\w+)\.json$/.exec(basename(tasksPath))?.[1];
  const matches = (entries: GoldTask[]) => {
    const byIndex = new Map(entries.map((g) => [g.task_index, g]));
    return tasks.every((t) => byIndex.get(t.task_index)?.user_id === t.user_id);
  };
  const chosen = named !== undefined && file.splits[named] ? named : Object.keys(file.splits).find((s) => matches(file.splits[s] ?? []));
  if (chosen === undefined) {
    throw new Error(`no split of ${path} matches the tasks in ${tasksPath} (splits: ${Object.keys(file.splits).join(', ')}); pass --split`);
  }
  return { split: chosen, gold: new Map((file.splits[chosen] ?? []).map((g) => [g.task_index, g])) };
}
