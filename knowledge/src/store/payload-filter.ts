import type { Condition, Filter, Payload } from './vector-store.ts';

/** Evaluates a filter against a payload with Qdrant's semantics (an array field matches if any element does). */
export function matchesFilter(payload: Payload, filter: Filter | undefined): boolean {
  if (!filter) return true;
  return filter.must.every((condition) => matchesCondition(payload, condition));
}

function values(payload: Payload, key: string): unknown[] {
  const value = payload[key];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function matchesCondition(payload: Payload, condition: Condition): boolean {
  const present = values(payload, condition.key);
  if ('match' in condition) return present.some((v) => v === condition.match);
  if ('any' in condition) return present.some((v) => typeof v === 'string' && condition.any.includes(v));
  const { gte, lte } = condition.range;
  return present.some((v) => typeof v === 'number' && (gte === undefined || v >= gte) && (lte === undefined || v <= lte));
}
