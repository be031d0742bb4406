/**
 * Refusals a write admitted at commit gets from its last statement, which raises them through `refuse_write` (kit
 * migration 7) so that the COMMIT sent behind it rolls the transaction back (docs/decisions/0702). Each is a SQLSTATE
 * of the kit's own class "AC".
 */
export const REFUSALS = {
  /** The idempotency key was taken by a call that committed first (or still holds it). */
  keyTaken: 'AC001',
  /** This execution went over the policy's velocity limit. */
  overVelocity: 'AC002',
  /** The guessed ledger chain head had moved: another process appended to that chain. */
  staleHead: 'AC003',
} as const;

export type Refusal = keyof typeof REFUSALS;

const byCode = new Map<string, Refusal>(Object.entries(REFUSALS).map(([refusal, code]) => [code, refusal as Refusal]));

/** Which refusal `error` is, if it is one (PostgreSQL and PGlite both report the SQLSTATE as `code`). */
export function refusalOf(error: unknown): Refusal | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? byCode.get(code) : undefined;
}

/** SQL that raises `refusal` with `reason` (a constant: it is part of a statement text that is prepared once). */
export function refuseSql(schema: string, refusal: Refusal, reason: string): string {
  return `${schema}.refuse_write('${REFUSALS[refusal]}', '${reason.replace(/'/g, "''")}')`;
}
