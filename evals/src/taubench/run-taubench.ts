import type { Principal } from '@agentic-commerce/kit';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { episodeWorlds } from '../harness/episode-worlds.ts';
import { agentText } from '../harness/scenario-harness.ts';
import { passHatK } from '../runner/pass-k.ts';
import { gradeTauTask, type GoldEntry, type TauStateLike } from './grade-task.ts';
import { UserSimulator } from './user-simulator.ts';

export interface TauTaskSpec {
  task_index: number;
  user_id: string;
  instruction: string;
  outputs: string[];
}

export interface EpisodeResult {
  taskIndex: number;
  trial: number;
  passed: boolean;
  failure: string | undefined;
  turns: number;
  transcript: { user: string; agent: string }[];
}

export interface TauBenchOptions {
  worlds: ReturnType<typeof episodeWorlds>;
  tasks: TauTaskSpec[];
  gold: Map<number, GoldEntry>;
  trials: number;
  agentModel: () => Promise<BaseChatModel>;
  userModel: () => Promise<BaseChatModel>;
  maxTurns?: number;
  onEpisode?: (result: EpisodeResult) => void;
}

const OPERATOR: Principal = { kind: 'operator', id: 'op:taubench', scopes: ['approvals:resolve'] };

/**
 * τ-bench retail through this runtime: for each task and trial, a fresh world, the simulated customer (an LLM given
 * the task's instruction) talking to the graph until it says ###STOP### (or the agent hands off, or maxTurns), then
 * the benchmark's reward: final database equal to the gold one and the required outputs said.
 */
export async function runTauBench(options: TauBenchOptions): Promise<{ episodes: EpisodeResult[]; passHat: Record<number, number> }> {
  const initial = (await (await options.worlds.template()).snapshot()).oms as unknown as TauStateLike;
  const episodes: EpisodeResult[] = [];
  for (const task of options.tasks) {
    const gold = options.gold.get(task.task_index);
    if (!gold) throw new Error(`no gold final state for task ${task.task_index}`);
    for (let trial = 0; trial < options.trials; trial++) {
      const episode = await options.worlds.open(`tb${task.task_index}_${trial}`, await options.agentModel());
      try {
        const user = new UserSimulator(await options.userModel(), task.instruction);
        const { conversationId } = await episode.service.startConversation();
        const transcript: EpisodeResult['transcript'] = [];
        let message = await user.next();
        for (let turn = 0; turn < (options.maxTurns ?? 30) && !UserSimulator.done(message); turn++) {
          let outcome = await episode.service.sendMessage(conversationId, message);
          const events = [...outcome.events];
          while (outcome.awaiting === 'approval' && outcome.approval) {
            outcome = await episode.service.resolveApproval(conversationId, outcome.approval.approvalId, OPERATOR, { decision: 'approve' });
            events.push(...outcome.events);
          }
          const reply = agentText(events);
          transcript.push({ user: message, agent: reply });
          if (outcome.awaiting === 'human') break;
          message = await user.next(reply);
        }
        const final = (await episode.world.snapshot()).oms as unknown as TauStateLike;
        const failure = gradeTauTask(initial, final, gold, task.outputs, transcript.map((t) => t.agent));
        const result = { taskIndex: task.task_index, trial, passed: failure === undefined, failure, turns: transcript.length, transcript };
        episodes.push(result);
        options.onEpisode?.(result);
      } finally {
        await episode.close();
      }
    }
  }
  const passHat: Record<number, number> = {};
  for (let k = 1; k <= options.trials; k++) {
    const perTask = options.tasks.map((t) => passHatK(episodes.filter((e) => e.taskIndex === t.task_index && e.passed).length, options.trials, k));
    passHat[k] = perTask.reduce((a, b) => a + b, 0) / Math.max(1, perTask.length);
  }
  return { episodes, passHat };
}
