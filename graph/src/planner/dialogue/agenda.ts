import { classifyMessage, type ClauseIntent } from '../nlu/intent-classifier.ts';
import { actionIntents, isActionIntent, type ActionIntent } from '../nlu/intents.ts';
import { extractOrderIds } from '../slots/order-ids.ts';
import { extractPointsRequest } from '../slots/loyalty-points.ts';
import type { ResultTurn } from './facts.ts';
import { focusTasks, informationIntents, withdrawn, type Agenda, type Task, type TaskStatus } from './tasks.ts';
import type { Transcript } from './transcript.ts';
import { indexedTokens } from '../nlu/indexed-tokens.ts';
import { productNouns } from '../nlu/product-nouns.ts';

/** The write tools that settle a task of each intent. */
export const settlingTools: Partial<Record<ActionIntent, string[]>> = {
  cancel_order: ['cancel_pending_order'],
  modify_order_items: ['modify_pending_order_items', 'exchange_delivered_order_items'],
  modify_order_payment: ['modify_pending_order_payment'],
  modify_order_address: ['modify_pending_order_address', 'reroute_shipment'],
  change_default_address: ['modify_user_address'],
  return_items: ['return_delivered_order_items'],
  return_shipping: ['schedule_return_pickup', 'create_return_label'],
  exchange_items: ['exchange_delivered_order_items', 'modify_pending_order_items'],
  delivery_slot: ['book_delivery_slot', 'reschedule_delivery'],
  shop: ['create_order'],
  human_agent: ['transfer_to_human_agents'],
};

/** Below this, a clause that looks like a new request while another is open is read as an answer to the open one. */
export const newRequestConfidence = 0.8;

/** Builds the agenda from the customer's messages and the write results, in conversation order. */
export function buildAgenda(transcript: Transcript, status?: TaskStatus): Agenda {
  const tasks: Task[] = [];
  let latest: ClauseIntent[] = [];
  let latestAt = -1;
  for (const turn of transcript.turns) {
    if (turn.kind === 'customer') {
      latest = classifyMessage(turn.text);
      addCustomerTurn(tasks, latest, turn.index, latestAt, status);
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
function addCustomerTurn(tasks: Task[], clauses: ClauseIntent[], at: number, previousAt: number, status?: TaskStatus): void {
  const owners: Task[][] = [];
  for (const clause of clauses) {
    const intent = clause.intent;
    const focus = focusTasks(tasks, previousAt, status);
    const isRequest =
      intent !== 'unclear' && isActionIntent(intent) && (clause.probability >= newRequestConfidence || focus.length === 0) && !detailOfPurchase(clause, clauses);
    if (intent === 'deny') {
      for (const task of withdrawalTargets(tasks.filter((t) => t.createdAt !== at), clause.text, previousAt, status)) addText(task, clause.text, at);
      owners.push([]);
      continue;
    }
    if (!isRequest || !isActionIntent(intent)) {
      owners.push([]);
      continue;
    }
    const ids = extractOrderIds(clause.text);
    const sameRequest = ids.length === 0 ? owners.flat().filter((t) => family(t.intent) === family(intent)) : [];
    if (sameRequest.length > 0) {
      // "Cancel #W1 and #W2, I no longer need them": the second clause completes the first request.
      const last = owners.slice().reverse().find((o) => o.some((t) => sameRequest.includes(t))) ?? [];
      for (const task of last) addText(task, clause.text, at);
      owners.push(last);
      continue;
    }
    const perOrder = intent === 'cancel_order' && ids.length > 1 ? ids : [ids[0]];
    owners.push(perOrder.map((orderId) => openOrJoin(tasks, intent, orderId, clause.text, at)));
  }
  clauses.forEach((clause, i) => {
    if ((owners[i] ?? []).length > 0 || !answers.has(clause.intent)) return;
    const before = owners.slice(0, i).reverse().find((o) => o.length > 0);
    const after = owners.slice(i + 1).find((o) => o.length > 0);
    const targets = before ?? after ?? focusTasks(tasks, previousAt, status);
    for (const target of targets) {
      addText(target, clause.text, at, !before && !!after);
      const id = extractOrderIds(clause.text)[0];
      if (id && !target.orderId && target.createdAt === at) target.orderId = id;
    }
  });
}

/**
 * "I want to buy the lamp, and pay with paypal / ship it to 12 Main St / use my points": with no order id, a payment,
 * address or points clause in a message that makes a purchase says how to pay for or where to send that purchase.
 */
function detailOfPurchase(clause: ClauseIntent, clauses: ClauseIntent[]): boolean {
  const paysWithPoints = clause.intent === 'loyalty' && extractPointsRequest(clause.text) !== undefined;
  if (clause.intent !== 'modify_order_payment' && clause.intent !== 'modify_order_address' && !paysWithPoints) return false;
  return extractOrderIds(clause.text).length === 0 && clauses.some((c) => c.intent === 'shop');
}

/**
 * The requests a "never mind" takes back: those that speak of the same product ("never mind the kettle"), else the
 * ones the conversation is on.
 */
function withdrawalTargets(tasks: Task[], text: string, previousAt: number, status?: TaskStatus): Task[] {
  const open = tasks.filter((t) => !t.outcome && !informationIntents.has(t.intent));
  const nouns = productWords(text);
  if (nouns.size > 0) {
    const named = open.filter((t) => t.texts.some((x) => [...productWords(x)].some((w) => nouns.has(w))));
    if (named.length > 0) return named;
  }
  return focusTasks(open, previousAt, status);
}

function productWords(text: string): Set<string> {
  return new Set(indexedTokens(text).map((t) => t.stem).filter((s) => productNouns.has(s)));
}

function addText(task: Task, text: string, at: number, front = false): void {
  if (front) {
    task.texts.unshift(text);
    task.textAt.unshift(at);
  } else {
    task.texts.push(text);
    task.textAt.push(at);
  }
  task.updatedAt = at;
}

/** Exchange and item modification are one request to the customer ("change the lamp to black"); the order's status tells which. */
const family = (intent: ActionIntent): string => (intent === 'modify_order_items' ? 'exchange_items' : intent);

/** Clauses that can answer an open request (low-confidence requests included); thanks, greetings and "no" cannot. */
const answers = new Set<string>(['provide_info', 'unclear', ...actionIntents.filter((i) => i !== 'human_agent')]);

function openOrJoin(tasks: Task[], intent: ActionIntent, orderId: string | undefined, text: string, at: number): Task {
  const existing = tasks.find(
    (t) =>
      family(t.intent) === family(intent) &&
      !t.outcome &&
      !withdrawn(t) &&
      (t.orderId === orderId || !t.orderId || (!orderId && (t.createdAt === at || intent !== 'cancel_order'))),
  );
  if (existing) {
    addText(existing, text, at);
    if (orderId && !existing.orderId) existing.orderId = orderId;
    return existing;
  }
  const task: Task = { intent, createdAt: at, updatedAt: at, texts: [text], textAt: [at], ...(orderId ? { orderId } : {}) };
  tasks.push(task);
  return task;
}

