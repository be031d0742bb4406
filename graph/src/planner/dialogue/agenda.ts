import { classifyMessage, type ClauseIntent } from '../nlu/intent-classifier.ts';
import { isActionIntent, type ActionIntent } from '../nlu/intents.ts';
import { extractOrderIds } from '../slots/order-ids.ts';
import type { ResultTurn } from './facts.ts';
import type { Transcript } from './transcript.ts';

/** A request of the customer, with every piece of text that speaks to it, and how it ended if it did. */
export interface Task {
  intent: ActionIntent;
  /** Turn index of the customer message that asked for it. */
  createdAt: number;
  /** Turn index of the latest customer text attached to it. */
  updatedAt: number;
  /** The clause that asked for it, then follow-up answers, oldest first. */
  texts: string[];
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

/** The write tools that settle a task of each intent. */
export const settlingTools: Partial<Record<ActionIntent, string[]>> = {
  cancel_order: ['cancel_pending_order'],
  modify_order_items: ['modify_pending_order_items', 'exchange_delivered_order_items'],
  modify_order_payment: ['modify_pending_order_payment'],
  modify_order_address: ['modify_pending_order_address', 'reroute_shipment'],
  change_default_address: ['modify_user_address'],
  return_items: ['return_delivered_order_items'],
  exchange_items: ['exchange_delivered_order_items', 'modify_pending_order_items'],
  delivery_slot: ['book_delivery_slot', 'reschedule_delivery'],
  shop: ['create_order'],
  human_agent: ['transfer_to_human_agents'],
};

export const informationIntents = new Set<ActionIntent>(['order_status', 'product_info', 'account_info', 'loyalty']);

/** Below this, a clause that looks like a new request while another is open is read as an answer to the open one. */
export const newRequestConfidence = 0.8;

/** Builds the agenda from the customer's messages and the write results, in conversation order. */
export function buildAgenda(transcript: Transcript): Agenda {
  const tasks: Task[] = [];
  let latest: ClauseIntent[] = [];
  let latestAt = -1;
  for (const turn of transcript.turns) {
    if (turn.kind === 'customer') {
      latest = classifyMessage(turn.text);
      addCustomerTurn(tasks, latest, turn.index, latestAt);
      latestAt = turn.index;
    } else if (turn.kind === 'result') {
      const settled = tasks.find((t) => !t.outcome && (settlingTools[t.intent] ?? []).includes(turn.name) && sameOrder(t, turn));
      if (settled) settled.outcome = turn;
    }
  }
  return { tasks, latest, latestAt };
}

function sameOrder(task: Task, result: ResultTurn): boolean {
  return !task.orderId || typeof result.args.order_id !== 'string' || result.args.order_id === task.orderId;
}

/**
 * Turns one customer message into tasks: each clause with a request opens a task (or joins an open one for the same
 * order); the other clauses ("for order #W…", "to my gift card") belong to the nearest request of the message, or,
 * when the message makes none, to the request the conversation is on.
 */
function addCustomerTurn(tasks: Task[], clauses: ClauseIntent[], at: number, previousAt: number): void {
  const owners: (Task | undefined)[] = [];
  for (const clause of clauses) {
    const intent = clause.intent;
    const focus = focusTask(tasks, previousAt);
    const isRequest = intent !== 'unclear' && isActionIntent(intent) && (clause.probability >= newRequestConfidence || !focus);
    if (intent === 'deny') {
      for (const task of tasks) if (!task.outcome && !informationIntents.has(task.intent)) task.texts.push(clause.text);
      owners.push(undefined);
      continue;
    }
    if (!isRequest || !isActionIntent(intent)) {
      owners.push(undefined);
      continue;
    }
    const ids = extractOrderIds(clause.text);
    const perOrder = intent === 'cancel_order' && ids.length > 1 ? ids : [ids[0]];
    for (const orderId of perOrder) owners.push(openOrJoin(tasks, intent, orderId, clause.text, at));
  }
  clauses.forEach((clause, i) => {
    if (owners[i]) return;
    if (clause.intent === 'deny') return;
    const before = owners.slice(0, i).reverse().find(Boolean);
    const after = owners.slice(i + 1).find(Boolean);
    const target = before ?? after ?? focusTask(tasks, previousAt);
    if (!target) return;
    if (!before && after) target.texts.unshift(clause.text);
    else target.texts.push(clause.text);
    target.updatedAt = at;
    const id = extractOrderIds(clause.text)[0];
    if (id && !target.orderId && target.createdAt === at) target.orderId = id;
  });
}

function openOrJoin(tasks: Task[], intent: ActionIntent, orderId: string | undefined, text: string, at: number): Task {
  const existing = tasks.find(
    (t) => t.intent === intent && !t.outcome && !withdrawn(t) && (t.orderId === orderId || !t.orderId || (!orderId && t.createdAt === at)),
  );
  if (existing) {
    existing.texts.push(text);
    existing.updatedAt = at;
    if (orderId && !existing.orderId) existing.orderId = orderId;
    return existing;
  }
  const task: Task = { intent, createdAt: at, updatedAt: at, texts: [text], ...(orderId ? { orderId } : {}) };
  tasks.push(task);
  return task;
}

/**
 * The task a bare answer ("#W1234567", "to my gift card") speaks to: a question asked about in the previous customer
 * turn, else the oldest request still open.
 */
export function focusTask(tasks: Task[], previousAt: number): Task | undefined {
  const question = tasks.find((t) => informationIntents.has(t.intent) && t.updatedAt === previousAt);
  return question ?? tasks.find((t) => !t.outcome && !informationIntents.has(t.intent) && !withdrawn(t));
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
