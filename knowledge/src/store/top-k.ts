/**
 * Keeps the best `limit` items seen, by score descending then id ascending (a bounded min-heap: O(n log k)).
 */
export class TopK<T extends { id: string; score: number }> {
  private readonly heap: T[] = [];

  constructor(private readonly limit: number) {}

  /** True when `a` ranks below `b`. */
  private static worse(a: { id: string; score: number }, b: { id: string; score: number }): boolean {
    return a.score < b.score || (a.score === b.score && a.id > b.id);
  }

  /** Whether an item with this score could still enter (cheap pre-check before building the item). */
  admits(score: number): boolean {
    const top = this.heap[0];
    return this.heap.length < this.limit || (top !== undefined && score >= top.score);
  }

  push(item: T): void {
    if (this.limit <= 0) return;
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(item);
      this.up(heap.length - 1);
    } else if (TopK.worse(heap[0] as T, item)) {
      heap[0] = item;
      this.down(0);
    }
  }

  /** Best first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => (TopK.worse(a, b) ? 1 : TopK.worse(b, a) ? -1 : 0));
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!TopK.worse(heap[i] as T, heap[parent] as T)) break;
      [heap[i], heap[parent]] = [heap[parent] as T, heap[i] as T];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && TopK.worse(heap[left] as T, heap[smallest] as T)) smallest = left;
      if (right < heap.length && TopK.worse(heap[right] as T, heap[smallest] as T)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest] as T, heap[i] as T];
      i = smallest;
    }
  }
}
