import type { BaseMessage } from '@langchain/core/messages';

/** An order line or catalog variant seen earlier in the conversation, used to describe items by name and price. */
export interface KnownItem {
  itemId: string;
  name?: string;
  price?: number;
  options?: Record<string, unknown>;
}

function visit(value: unknown, found: Map<string, KnownItem>, productName?: string): void {
  if (Array.isArray(value)) {
    for (const v of value) visit(v, found, productName);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  const name = typeof record.name === 'string' ? record.name : productName;
  if (typeof record.item_id === 'string') {
    const previous = found.get(record.item_id) ?? { itemId: record.item_id };
    found.set(record.item_id, {
      ...previous,
      ...(name ? { name } : {}),
      ...(typeof record.price === 'number' ? { price: record.price } : {}),
      ...(typeof record.options === 'object' && record.options ? { options: record.options as Record<string, unknown> } : {}),
    });
  }
  for (const [key, child] of Object.entries(record)) {
    // τ-bench products keep variants under `variants: { <item_id>: {...} }`.
    if (key === 'variants' && typeof child === 'object' && child && !Array.isArray(child)) {
      for (const [itemId, variant] of Object.entries(child as Record<string, unknown>)) visit({ item_id: itemId, ...(variant as object) }, found, name);
    } else if (typeof child === 'object') visit(child, found, name);
  }
}

/** Collects items (id, name, price) from the JSON tool results of the conversation so far. */
export function knownItems(messages: readonly BaseMessage[]): Map<string, KnownItem> {
  const found = new Map<string, KnownItem>();
  for (const message of messages) {
    if (message.getType() !== 'tool' || typeof message.content !== 'string') continue;
    const text = message.content.trim();
    if (!text.startsWith('{') && !text.startsWith('[')) continue;
    try {
      visit(JSON.parse(text), found);
    } catch {
      // Not JSON: nothing to learn from it.
    }
  }
  return found;
}
