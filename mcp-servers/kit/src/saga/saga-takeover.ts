import { CommerceError } from '../errors.ts';
import type { SagaOptions, SagaStep } from './run-saga.ts';
import { compensateStep, type CompensationReport } from './saga-compensation.ts';
import type { SagaTakenOver } from './saga-journal.ts';

/**
 * A run that lost its saga stops. Taken by a recovery (the run made no progress for longer than the recovery's
 * threshold), the recovery undoes the steps recorded as started; the run undoes the step it finished meanwhile, with
 * the same key as the recovery would (so it is undone once). Taken by another run of the key, that run carries on
 * with the same step keys: nothing is undone here.
 */
export async function takenOver(
  lost: SagaTakenOver,
  last: { step: SagaStep<any>; result: unknown } | undefined,
  o: SagaOptions & { attempt: number; prefix: string },
): Promise<CommerceError> {
  const compensations: CompensationReport[] = [];
  if (lost.by === 'recovery' && last?.step.compensate) {
    const { step, result } = last;
    const idempotencyKey = `${o.prefix}:${step.name}:compensate`;
    const report = await compensateStep({
      saga: o.name, sagaKey: o.key, attempt: o.attempt, step: step.name, idempotencyKey, runtime: o.runtime, subject: o.subject,
      undo: () => step.compensate!(result, { idempotencyKey }),
    }, undefined);
    o.runtime?.metrics.compensations.inc({ saga: o.name, step: step.name, outcome: report.outcome });
    compensations.push(report);
  }
  const saga = { name: o.name, key: o.key, attempt: o.attempt, takenOverBy: lost.by, compensations, rolledBack: false };
  return new CommerceError('UNAVAILABLE', lost.by === 'recovery'
    ? `${o.name}: saga ${o.key} made no progress for longer than recovery allows, so a recovery took it over and rolls back its completed steps; retry with the same key once it is rolled back`
    : `${o.name}: another run of saga ${o.key} (same key) took it over and carries on with the same steps; retry with the same key for its outcome`,
  { details: { saga } });
}
