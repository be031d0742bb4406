import { CommerceError, isCommerceError } from '@agentic-commerce/kit';

/**
 * The undo list of a multi-step operation across systems: each completed step registers how to undo itself;
 * on failure the compensations run in reverse order, and the original error is rethrown.
 */
export class Compensations {
  private readonly undo: { name: string; run: () => Promise<void> }[] = [];

  /** Registers the compensation of a step that has just completed. */
  completed(name: string, run: () => Promise<void>): void {
    this.undo.push({ name, run });
  }

  /** Runs `operation`; if it throws, undoes every completed step (last first) and rethrows. */
  async run<T>(operation: (steps: Compensations) => Promise<T>): Promise<T> {
    try {
      return await operation(this);
    } catch (error) {
      const failed: string[] = [];
      for (const step of [...this.undo].reverse()) {
        try {
          await step.run();
        } catch (cause) {
          failed.push(`${step.name}: ${(cause as Error).message}`);
        }
      }
      if (failed.length === 0) throw error;
      const message = isCommerceError(error) ? error.message : 'the operation failed';
      throw new CommerceError('INTERNAL', `${message}; undoing the completed steps also failed (${failed.join('; ')}), an operator must reconcile`, {
        cause: error,
        details: { failedCompensations: failed },
      });
    }
  }
}
