/** The clock every eval world is drawn around (and the planner's "today"): fixed, so runs are reproducible. */
export const EVAL_CLOCK = new Date('2026-06-01T12:00:00.000Z');
