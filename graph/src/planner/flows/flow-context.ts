import type { Agenda, Task } from '../dialogue/tasks.ts';
import type { Facts } from '../dialogue/facts.ts';
import type { Transcript } from '../dialogue/transcript.ts';

/** One planner decision: call a tool, or say something to the customer. */
export type Step =
  /** `note`: said to the customer with the call (e.g. why the slot proposed for confirmation is not the one asked for). */
  | { kind: 'call'; name: string; args: Record<string, unknown>; note?: string }
  /** `refusal`: policy does not allow the request at all (not a question the customer can answer). */
  | { kind: 'say'; text: string; refusal?: boolean };

/** A bound tool as the planner sees it: name and JSON-schema argument names. */
export interface ToolShape {
  name: string;
  properties: string[];
  required: string[];
}

export interface FlowContext {
  transcript: Transcript;
  facts: Facts;
  agenda: Agenda;
  tools: Map<string, ToolShape>;
  /** Reference time for relative dates ("tomorrow"). */
  now: Date;
}

export type Flow = (ctx: FlowContext, task: Task) => Step;

export const call = (name: string, args: Record<string, unknown>): Step => ({ kind: 'call', name, args });
export const say = (text: string): Step => ({ kind: 'say', text });
export const refuse = (text: string): Step => ({ kind: 'say', text, refusal: true });

/** True when a tool with these arguments was already called (so the planner reads its result instead of repeating). */
export function alreadyCalled(ctx: FlowContext, name: string, args: Record<string, unknown>): boolean {
  const key = JSON.stringify(args);
  return ctx.facts.results.some((r) => r.name === name && JSON.stringify(r.args) === key);
}

/** The latest result of a tool call with exactly these arguments. */
export function resultOf(ctx: FlowContext, name: string, args: Record<string, unknown>) {
  const key = JSON.stringify(args);
  return [...ctx.facts.results].reverse().find((r) => r.name === name && JSON.stringify(r.args) === key);
}

/** Texts of the task, newest first, for "the latest thing the customer said about X wins". */
export function newestFirst(task: Task): string[] {
  return [...task.texts].reverse();
}
