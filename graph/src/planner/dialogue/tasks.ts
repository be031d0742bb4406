import { classifyMessage, type ClauseIntent } from '../nlu/intent-classifier.ts';
import type { ActionIntent } from '../nlu/intents.ts';
import type { ResultTurn } from './facts.ts';

/** A request of the customer, with every piece of text that speaks to it, and how it ended if it did. */
export interface Task {
  intent: ActionIntent;
  /** Turn index of the customer message that asked for it. */
  createdAt: number;
  /** Turn index of the latest customer text attached to it. */
  updatedAt: number;
  /** The clause that asked for it, then follow-up answers, oldest first. */
  texts: string[];
  /** For each of `texts`, the turn index of the customer message it came from. */
  textAt: number[];
  /** Order id named in the asking clause, if any. */
  orderId?: string;
  outcome?: ResultTurn;
}

export interface Agenda {
  tasks: Task[];
  /** Clause intents of the latest customer message. */
  latest: ClauseIntent[];
  /** Turn index of the latest customer message (-1 when there is none). */
  latestAt: number;
}

export const informationIntents = new Set<ActionIntent>(['order_status', 'product_info', 'account_info', 'loyalty']);

/** Whether a task can go ahead, waits for the customer, or was refused by policy (as the flows judge it now). */
export type TaskStatus = (task: Task) => 'ready' | 'waiting' | 'refused';

/**
 * The tasks a bare answer ("#W1234567", "to my gift card") speaks to: a question asked about in the previous customer
 * turn; else the requests waiting for the customer that were made most recently (all of them when one message made
 * several: each takes what it needs from the answer); else the oldest request still open.
 */
export function focusTasks(tasks: Task[], previousAt: number, status?: TaskStatus): Task[] {
  const question = tasks.find((t) => informationIntents.has(t.intent) && t.updatedAt === previousAt);
  if (question) return [question];
  const open = tasks.filter((t) => !t.outcome && !informationIntents.has(t.intent) && !withdrawn(t));
  const waiting = status ? open.filter((t) => status(t) === 'waiting') : open.slice(0, 1);
  const newest = Math.max(...waiting.map((t) => t.createdAt));
  const recent = waiting.filter((t) => t.createdAt === newest);
  if (recent.length > 0) return recent;
  return open.slice(0, 1);
}

/** Tasks the planner should still work on: open requests, and questions from the latest customer turn. */
export function openTasks(agenda: Agenda): Task[] {
  return agenda.tasks.filter((t) =>
    informationIntents.has(t.intent) ? t.updatedAt === agenda.latestAt : !t.outcome && !withdrawn(t),
  );
}

/** True when the customer withdrew the task ("never mind", "no, forget it") after asking for it. */
export function withdrawn(task: Task): boolean {
  return task.texts.slice(1).some((text) => classifyMessage(text).some((c) => c.intent === 'deny' && c.probability >= 0.5));
}
