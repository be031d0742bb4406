import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { redact } from './redact.ts';

export const LEDGER_ENTRY_KINDS = [
  'intent', // a write was asked for: tool, redacted arguments, their hash, principal
  'decision', // the policy decision, its explanation, policy version and evidence
  'approval_requested',
  'approval_approved',
  'approval_rejected',
  'approval_used',
  'approval_expired', // a pending or approved request passed its expiry unused
  'result', // the effect was executed and committed: the redacted output
  'error', // the call was refused or failed: nothing was executed; the error code and message
  'compensation', // a saga step undone (or failing to be)
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** What a caller appends; the ledger adds seq, time, the chain hash and the signature. */
export interface LedgerRecord {
  kind: LedgerEntryKind;
  callId?: string | undefined;
  system?: string | undefined;
  tool?: string | undefined;
  action?: string | undefined;
  principal?: { kind: string; id: string } | undefined;
  conversationId?: string | undefined;
  customerId?: string | undefined;
  orderId?: string | undefined;
  /** The payload; the ledger redacts it (`redactedData`) before it is hashed and stored. */
  data: Record<string, unknown>;
}

export interface LedgerEntry extends LedgerRecord {
  /** The chain it was appended to (1..LEDGER_CHAINS); `seq` and `prev` are within that chain. */
  chain: number;
  seq: number;
  at: string;
  prev: string;
  hash: string;
  keyId: string;
  /**
   * Ed25519 signature of `hash` by `keyId`, on the last entry of each append; '' on the entries before it in that
   * append, which the signed hash covers through the `prev` links (docs/decisions/0700).
   */
  signature: string;
}

/**
 * A record's data as the ledger stores it: PII minimised by `redact` (personal fields fingerprinted, card digits and
 * credentials removed, emails, phones and card numbers in free text such as notes and error messages redacted).
 * Redacting already redacted data changes nothing, so callers that redact first are not affected.
 */
export const redactedData = (data: Record<string, unknown>): Record<string, unknown> => redact(data) as Record<string, unknown>;

export const GENESIS_HASH = '0'.repeat(64);

/** An entry's chain as signed: entries written before chains existed carry none and belong to chain 1. */
export const chainOf = (body: { chain?: unknown }): unknown => body.chain ?? 1;

/** The signed fields of an entry, in canonical (sorted) order, each with its JSON-quoted name. */
const SIGNED_FIELDS = (['chain', 'seq', 'at', 'prev', 'keyId', 'kind', 'callId', 'system', 'tool', 'action', 'principal', 'conversationId', 'customerId', 'orderId', 'data'] as const)
  .slice().sort().map((field) => [field, JSON.stringify(field)] as const);

/**
 * The signed text of an entry: canonical JSON of everything but the hash and signature (it includes `chain`, `seq`
 * and `prev`, so an entry cannot be moved to another chain or position without breaking its signature). Written
 * field by field — the same text as `canonicalJson` of those fields (tested), without building the object first.
 */
export function entryBody(entry: Omit<LedgerEntry, 'hash' | 'signature' | 'chain'> & { chain?: number }): string {
  let out = '{';
  for (const [field, quoted] of SIGNED_FIELDS) {
    const value = entry[field];
    if (value === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quoted}:${canonicalJson(value)}`;
  }
  return `${out}}`;
}

export const hashBody = (body: string): string => sha256Hex(body);
