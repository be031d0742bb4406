/**
 * The documents (slots) containing one term and their term weights, in growable typed arrays: far less garbage
 * than a Map per term, and a tight loop to score. Removal swaps in the last entry (order does not matter).
 */
export class PostingList {
  slots = new Int32Array(4);
  values = new Float64Array(4);
  size = 0;

  add(slot: number, value: number): void {
    if (this.size === this.slots.length) {
      const slots = new Int32Array(this.size * 2);
      slots.set(this.slots);
      this.slots = slots;
      const values = new Float64Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    this.slots[this.size] = slot;
    this.values[this.size] = value;
    this.size++;
  }

  remove(slot: number): void {
    for (let i = 0; i < this.size; i++) {
      if (this.slots[i] !== slot) continue;
      const last = this.size - 1;
      this.slots[i] = this.slots[last] as number;
      this.values[i] = this.values[last] as number;
      this.size = last;
      return;
    }
  }
}
