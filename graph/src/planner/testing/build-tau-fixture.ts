/**
 * Writes tau-fixture.json: the τ-bench retail records (users, their orders, the products of those orders) that the
 * planner's tests use, so the tests run without the full data set. Source data: github.com/sierra-research/tau-bench
 * (MIT License, Copyright (c) 2024 Sierra). Run: TAU_BENCH_DIR=/path/to/tau-bench-retail tsx build-tau-fixture.ts
 */
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heldOutDevTasks, scriptedTasks } from './scripted-tasks.ts';

const dir = process.env.TAU_BENCH_DIR ?? fileURLToPath(new URL('../../../../../shared/data/tau-bench-retail', import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
const users = read('users.json') as Record<string, { orders: string[] }>;
const orders = read('orders.json') as Record<string, { items: { product_id: string }[] }>;
const products = read('products.json');
type TaskRecord = { task_index: number; user_id: string; actions: unknown[] };
const splits = {
  train: JSON.parse(readFileSync(join(dir, 'tasks_train.json'), 'utf8')) as TaskRecord[],
  dev: JSON.parse(readFileSync(join(dir, 'tasks_dev.json'), 'utf8')) as TaskRecord[],
};
const all = [...scriptedTasks, ...heldOutDevTasks];
const taskOf = (t: { taskIndex: number; split?: 'train' | 'dev' }) => splits[t.split ?? 'train'][t.taskIndex];

const userIds = new Set([...all.map((t) => taskOf(t)?.user_id ?? ''), ...extraUsers()]);
const fixture = {
  source: 'sierra-research/tau-bench@59a200c6 tau_bench/envs/retail (MIT License, Copyright (c) 2024 Sierra)',
  users: {} as Record<string, unknown>,
  orders: {} as Record<string, unknown>,
  products: {} as Record<string, unknown>,
  goldActions: {} as Record<string, unknown>,
};
for (const id of userIds) {
  const user = users[id];
  if (!user) throw new Error(`user ${id} is not in users.json`);
  fixture.users[id] = user;
  for (const orderId of user.orders) {
    const order = orders[orderId];
    if (!order) continue;
    fixture.orders[orderId] = order;
    for (const item of order.items) fixture.products[item.product_id] = products[item.product_id];
  }
}
type GoldState = { task_index: number; replay_errors: { action_index: number }[] };
const gold = JSON.parse(readFileSync(join(dir, 'gold_final_states_train_dev.json'), 'utf8')) as { splits: Record<'train' | 'dev', GoldState[]> };
for (const t of all) {
  const split = t.split ?? 'train';
  const refused = new Set(gold.splits[split].find((g) => g.task_index === t.taskIndex)?.replay_errors.map((e) => e.action_index) ?? []);
  const actions = (taskOf(t)?.actions ?? []) as Record<string, unknown>[];
  // Gold calls that the benchmark's own tools refuse (e.g. a gift card too small) change nothing; policy says not to make them.
  fixture.goldActions[`${split}:${t.taskIndex}`] = actions.map((a, i) => ({ ...a, refusedByTools: refused.has(i) }));
}
writeFileSync(new URL('./tau-fixture.json', import.meta.url), `${JSON.stringify(fixture)}\n`);

function extraUsers(): string[] {
  return ['omar_anderson_3203', 'sofia_kovacs_7075', 'lucas_martin_4549', 'mei_martin_4260', 'james_li_5688'];
}
