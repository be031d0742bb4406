import type { Task } from '../dialogue/agenda.ts';
import type { OrderRecord } from '../dialogue/facts.ts';
import { normalizeText } from '../nlu/normalize.ts';
import { findItemMentions, optionOverlap, type ItemMention, type OrderLine } from '../slots/order-lines.ts';
import { newestFirst } from './flow-context.ts';

export interface Pick {
  line: OrderLine;
  mention?: ItemMention;
}

export type ItemChoice = { kind: 'items'; picks: Pick[] } | { kind: 'ask'; text: string };

const everything = /\b(all (?:the )?items|all of (?:them|it)|everything|entire order|whole order|all of my order|the order)\b/;
const several = /\b(both|two|2|all)\b/;

/** The order lines the customer means, from their latest description; asks instead of choosing between look-alikes. */
export function selectItems(task: Task, order: OrderRecord, verb: string): ItemChoice {
  const names = order.items.map((i) => i.name);
  for (const text of newestFirst(task)) {
    const mentions = findItemMentions(text, names);
    if (mentions.length === 0) {
      if (everything.test(normalizeText(text)) && verb === 'return') return { kind: 'items', picks: order.items.map((line) => ({ line })) };
      continue;
    }
    const picks: Pick[] = [];
    for (const mention of mentions) {
      const lines = order.items.filter((i) => i.name === mention.productName);
      const scored = lines.map((line) => ({ line, score: optionOverlap(line.options, mention.current) }));
      const best = Math.max(...scored.map((s) => s.score));
      const top = scored.filter((s) => s.score === best);
      const distinct = new Set(top.map((s) => s.line.item_id));
      if (distinct.size > 1) {
        const choices = top.map((s) => describeLine(s.line)).join('; or ');
        return { kind: 'ask', text: `Your order ${order.order_id} has more than one ${mention.productName}: ${choices}. Which one do you want to ${verb}?` };
      }
      const wantsSeveral = several.test(mention.current.map((t) => t.word).join(' '));
      for (const s of wantsSeveral ? top : top.slice(0, 1)) picks.push({ line: s.line, mention });
    }
    return { kind: 'items', picks };
  }
  const list = order.items.map(describeLine).join('; ');
  return { kind: 'ask', text: `Which items of order ${order.order_id} do you want to ${verb}? It has: ${list}.` };
}

export function describeLine(line: OrderLine): string {
  const options = Object.values(line.options).join(', ');
  return `${line.name}${options ? ` (${options})` : ''}`;
}
