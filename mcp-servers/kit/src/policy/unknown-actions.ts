import { DEFAULT_POLICY_FILE, loadPolicy, type Policy } from './load-policy.ts';

/** A class listed under `actions` that no tool declares, with the declared class nearest to it (a likely typo). */
export interface UnknownAction {
  action: string;
  /** The known class at the smallest edit distance, when it is close enough to be a plausible typo. */
  nearest: string | undefined;
  distance: number | undefined;
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("retrun" is 1 from "return"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Suggestions further than this many edits (or than a third of the name) are not offered. */
const MAX_SUGGESTION_DISTANCE = 3;

/**
 * The policy's action classes that none of `known` (the `action` of every write tool the policy governs) declares.
 * Such a rule applies to no call, and the call it was meant for silently follows `default_rule` instead.
 */
export function unknownPolicyActions(policy: Policy, known: Iterable<string>): UnknownAction[] {
  const declared = [...new Set(known)].sort();
  return Object.keys(policy.file.actions)
    .filter((action) => !declared.includes(action))
    .map((action) => {
      let nearest: string | undefined;
      let distance: number | undefined;
      for (const candidate of declared) {
        const d = editDistance(action, candidate);
        if (d <= Math.min(MAX_SUGGESTION_DISTANCE, Math.ceil(action.length / 3)) && (distance === undefined || d < distance)) [nearest, distance] = [candidate, d];
      }
      return { action, nearest, distance };
    });
}

/** "actions.order.retrun: no tool declares the action class "order.retrun" (did you mean "order.return"?); ..." */
export function describeUnknownAction(u: UnknownAction, declaredBy = 'no tool'): string {
  return `actions.${u.action}: ${declaredBy} declares the action class "${u.action}"${u.nearest ? ` (did you mean "${u.nearest}"?)` : ''}; this rule applies to no call, and calls of a class the policy does not list follow default_rule`;
}

/**
 * The action classes the kit's shipped policy lists: those the four reference servers' write tools declare (a world
 * test keeps the two equal). `policy check` checks a policy against them unless told other classes (`--actions`).
 */
export function referenceActionClasses(): string[] {
  return Object.keys(loadPolicy({ file: DEFAULT_POLICY_FILE }).file.actions).sort();
}
