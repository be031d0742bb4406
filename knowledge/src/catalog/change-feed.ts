import { invalidArgument } from '@agentic-commerce/kit/errors';
import type { CatalogEvent } from './catalog-types.ts';

/** An in-process, ordered change log; cursors are sequence numbers as strings. */
export class ChangeFeed {
  private readonly events: CatalogEvent[] = [];

  append(...events: CatalogEvent[]): void {
    this.events.push(...events);
  }

  head(): string {
    return String(this.events.length);
  }

  since(cursor: string): { events: CatalogEvent[]; cursor: string } {
    const position = Number(cursor);
    if (!/^\d+$/.test(cursor) || position > this.events.length) {
      throw invalidArgument(`cursor "${cursor}" is not a position of this change feed (0..${this.events.length})`);
    }
    return { events: this.events.slice(position), cursor: this.head() };
  }
}
