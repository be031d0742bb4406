/** n choose k, exactly for the small numbers trials use. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/**
 * τ-bench's pass^k for one scenario: the chance that k trials drawn from the n run all pass, C(c,k)/C(n,k),
 * where c of n trials passed. A suite's pass^k is the mean over its scenarios.
 */
export function passHatK(successes: number, trials: number, k: number): number {
  if (k > trials) throw new Error(`pass^${k} needs at least ${k} trials per scenario, got ${trials}`);
  return choose(successes, k) / choose(trials, k);
}
