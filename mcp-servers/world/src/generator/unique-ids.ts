import type { Prng } from './prng.ts';

/** Hands out random numeric ids of a fixed width, never the same twice in one world. */
export class UniqueIds {
  private readonly used = new Set<string>();

  next(prng: Prng, digits: number): string {
    for (;;) {
      let id = String(prng.int(1, 9));
      while (id.length < digits) id += String(prng.int(0, 9));
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** Claims an id built elsewhere (e.g. "sara_doe_496"); false when it is already taken. */
  claim(id: string): boolean {
    if (this.used.has(id)) return false;
    this.used.add(id);
    return true;
  }
}
