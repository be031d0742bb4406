import type { Task } from '../dialogue/tasks.ts';
import type { OrderRecord } from '../dialogue/facts.ts';
import { normalizeText } from '../nlu/normalize.ts';
import { findItemMentions, optionOverlap, type ItemMention, type OrderLine } from '../slots/order-lines.ts';
import { indexedTokens, type IndexedToken } from '../nlu/indexed-tokens.ts';

export interface Pick {
  line: OrderLine;
  mention?: ItemMention;
  /** Words saying what the customer wants instead (for exchanges and modifications). */
  wanted: IndexedToken[];
}

export type ItemChoice = { kind: 'items'; picks: Pick[] } | { kind: 'ask'; text: string };

/** "return everything", "all the items", "the whole order", "both items"; not "I tried resetting everything". */
const everything = /\b(?:(?:return|send back|refund)\b.{0,20}\b(?:everything|all\b)|all (?:the |of the |of my )?items|all of them|(?:the )?(?:whole|entire) order|both (?:items|of them)|^\s*(?:both|all|all of them|everything)\s*$)/;
const additive = /\b(also|too|as well|in addition|plus)\b/;
const several = /\b(both|two|2|all)\b/;

/** The order lines the customer means, from their latest description; asks instead of choosing between look-alikes. */
export function selectItems(task: Task, order: OrderRecord, verb: string): ItemChoice {
  const names = order.items.map((i) => i.name);
  const texts = messagesNewestFirst(task);
  for (const [position, text] of texts.entries()) {
    const mentions = findItemMentions(text, names);
    if (mentions.length === 0) {
      if (everything.test(normalizeText(text)) && verb === 'return') return { kind: 'items', picks: order.items.map((line) => ({ line, wanted: [] })) };
      continue;
    }
    const later = texts.slice(0, position).flatMap((t) => indexedTokens(t));
    const earlier = additive.test(normalizeText(text)) ? selectItems({ ...task, texts: texts.slice(position + 1).reverse(), textAt: [] }, order, verb) : undefined;
    const picks: Pick[] = [];
    for (const mention of mentions) {
      const lines = order.items.filter((i) => i.name === mention.productName);
      const scored = lines.map((line) => ({ line, score: optionOverlap(line.options, mention.current) + optionOverlap(line.options, later) / 2 }));
      const best = Math.max(...scored.map((s) => s.score));
      const top = scored.filter((s) => s.score === best);
      const distinct = new Set(top.map((s) => s.line.item_id));
      if (distinct.size > 1) {
        const choices = top.map((s) => describeLine(s.line)).join('; or ');
        return { kind: 'ask', text: `Your order ${order.order_id} has more than one ${mention.productName}: ${choices}. Which one do you want to ${verb}?` };
      }
      const wantsSeveral = several.test(mention.current.map((t) => t.word).join(' '));
      const wanted = wantedWords(mention, mentions.length === 1 ? later : []);
      for (const s of wantsSeveral ? top : top.slice(0, 1)) picks.push({ line: s.line, mention, wanted });
    }
    if (earlier?.kind === 'items') {
      // "also return the bookshelf": the items named before stay in the request.
      const seen = new Set(picks.map((p) => p.line.item_id));
      return { kind: 'items', picks: [...earlier.picks.filter((p) => !seen.has(p.line.item_id)), ...picks] };
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

/**
 * What the customer wants instead: the words after "to / for / into / instead", else (no separator) the whole
 * description, whose values equal to the current item's drop out when the variant is resolved; plus what they said
 * in later answers that named no product ("I want the ionic filter with smart sensors instead").
 */
function wantedWords(mention: ItemMention, later: IndexedToken[]): IndexedToken[] {
  const own = mention.wanted.length > 0 ? mention.wanted : mention.current;
  return [...own, ...later];
}

/** The task's texts joined per customer message, newest message first. */
function messagesNewestFirst(task: Task): string[] {
  if (task.textAt.length !== task.texts.length) return [...task.texts].reverse();
  const byMessage = new Map<number, string[]>();
  task.texts.forEach((text, i) => {
    const at = task.textAt[i] ?? -1;
    byMessage.set(at, [...(byMessage.get(at) ?? []), text]);
  });
  return [...byMessage.entries()].sort((a, b) => b[0] - a[0]).map(([, parts]) => parts.join(' and '));
}
