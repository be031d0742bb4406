import type { KitRuntime } from '../action-runtime.ts';
import { principals, type KitHarness } from '../testing/kit-harness.ts';
import { refundTools } from '../testing/refunds-system.ts';
import { runSaga, type SagaStep } from './run-saga.ts';
import { toolStep } from './tool-step.ts';

/**
 * For the recovery tests: sagas whose process "stops" part-way. The run is left waiting forever on a step (as a killed
 * process would never go on), so its progress stays as the crash left it; a test may still let it go on afterwards.
 */
export function crashKit(h: KitHarness) {
  const refund = (name: string, customer: string, amount: number, runtime: KitRuntime = h.runtime) =>
    toolStep({ runtime, system: 'refunds', tools: refundTools, backend: h.backend, principal: principals.service, name, tool: 'issue_refund', input: { customer_id: customer, order_id: '#R1', amount } });
  /** A step that never ends until the test lets it (`release`). */
  const hang = (name = 'charge') => {
    let release!: (value: unknown) => void;
    const step: SagaStep = { name, run: () => new Promise((resolve) => { release = resolve; }) };
    return { step, release: (value: unknown = {}) => release(value) };
  };
  /** Runs the saga until its process "stops" in its last step (every step recorded as started). */
  const crash = async (steps: SagaStep<any>[], key: string, runtime: KitRuntime = h.runtime) => {
    const running = runSaga(steps, { name: 'test.crash', key, runtime, subject: { orderId: '#R1' } });
    running.catch(() => undefined);
    await until(async () => (await sagaSteps(key)) === steps.length);
    return { running }; // wrapped: awaiting the crash must not wait for the run

  };
  const sagaSteps = async (key: string) =>
    (await h.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${h.runtime.schema}.saga_steps WHERE key = $1`, [key]))[0]!.n;
  const status = async (key: string) =>
    (await h.runtime.db.query<{ status: string }>(`SELECT status FROM ${h.runtime.schema}.sagas WHERE key = $1`, [key]))[0]?.status;
  const compensations = async (key: string) =>
    (await h.runtime.ledger.find(h.runtime.db, { callId: `saga:${key}` })).map((e) => e.data);
  return { refund, hang, crash, status, compensations };
}

export async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the saga to reach its crash point');
    await new Promise((r) => setTimeout(r, 20));
  }
}
