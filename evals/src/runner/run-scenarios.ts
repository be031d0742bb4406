import type { Scenario } from '../scenario/schema.ts';
import { gradeScenario, type Grade, type Snapshots } from '../grading/grade-scenario.ts';
import { allToolCalls, type Transcript } from './transcript.ts';

/** Runs one scenario trial in an isolated world and returns what happened. Implemented by the harness. */
export type ScenarioHarness = (scenario: Scenario, trial: number) => Promise<{ transcript: Transcript; snapshots: Snapshots }>;

export interface TrialResult {
  scenarioId: string;
  suite: string;
  adversarial: boolean;
  trial: number;
  grade: Grade;
  transcript: Transcript;
  /** Paths that changed between the starting and final world (for the report's diff). */
  changes: { path: string; before: unknown; after: unknown }[];
  latencyMs: number;
  toolCalls: number;
  turns: number;
}

export interface RunOptions {
  scenarios: Scenario[];
  trials: number;
  concurrency: number;
  harness: ScenarioHarness;
  diff: (before: unknown, after: unknown) => { path: string; before: unknown; after: unknown }[];
  onProgress?: (done: number, total: number, last: TrialResult) => void;
}

/** Runs every scenario `trials` times with at most `concurrency` in flight; results come back in a stable order. */
export async function runScenarios(options: RunOptions): Promise<TrialResult[]> {
  const jobs = options.scenarios.flatMap((scenario) => Array.from({ length: options.trials }, (_, trial) => ({ scenario, trial })));
  const results: TrialResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const { scenario, trial } = jobs[index]!;
      const started = performance.now();
      let transcript: Transcript;
      let snapshots: Snapshots;
      try {
        ({ transcript, snapshots } = await options.harness(scenario, trial));
      } catch (error) {
        transcript = { turns: [], escalated: false, crash: error instanceof Error ? error.message : String(error) };
        snapshots = { before: {}, after: {} };
      }
      const result: TrialResult = {
        scenarioId: scenario.id,
        suite: scenario.suite,
        adversarial: scenario.adversarial,
        trial,
        grade: gradeScenario(scenario, transcript, snapshots),
        transcript,
        changes: options.diff(snapshots.before, snapshots.after),
        latencyMs: performance.now() - started,
        toolCalls: allToolCalls(transcript).length,
        turns: transcript.turns.length,
      };
      results[index] = result;
      done++;
      options.onProgress?.(done, jobs.length, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, worker));
  return results;
}
