import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeOnce } from '../write-once.ts';

/**
 * The secret PII fingerprints are keyed with (HMAC-SHA256), so that a fingerprint of a short value (a zip code, a first
 * name) cannot be reversed by hashing every candidate: only a holder of the key can match a value to its fingerprint.
 *   COMMERCE_PII_KEY (text, at least 32 bytes) or COMMERCE_PII_KEY_FILE (a file holding it);
 *   otherwise a development key generated on first start and kept at <COMMERCE_DATA_DIR or .data>/pii-key (mode 600),
 *   next to the ledger's development signing key, so every process of one deployment fingerprints alike.
 */
export function loadPiiKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.COMMERCE_PII_KEY !== undefined) return checked(env.COMMERCE_PII_KEY, 'COMMERCE_PII_KEY');
  if (env.COMMERCE_PII_KEY_FILE !== undefined) {
    const path = env.COMMERCE_PII_KEY_FILE;
    if (!existsSync(path)) throw new Error(`COMMERCE_PII_KEY_FILE points to ${path}, which does not exist`);
    return checked(readFileSync(path, 'utf8').trim(), path);
  }
  const path = join(env.COMMERCE_DATA_DIR ?? '.data', 'pii-key');
  let key: string;
  try {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeOnce(path, randomBytes(32).toString('hex'));
    }
    key = readFileSync(path, 'utf8').trim();
  } catch (cause) {
    throw new Error(
      `no PII key is configured and the development key ${path} cannot be ${existsSync(path) ? 'read' : 'created'} (${(cause as Error).message}): `
        + 'set COMMERCE_PII_KEY (at least 32 bytes, e.g. `openssl rand -hex 32`) or COMMERCE_PII_KEY_FILE (a file holding it), '
        + `or make ${dirname(path)} (COMMERCE_DATA_DIR) writable`,
      { cause },
    );
  }
  return checked(key, path);
}

function checked(key: string, source: string): Buffer {
  if (Buffer.byteLength(key) < 32) throw new Error(`${source}: the PII key must be at least 32 bytes long (e.g. \`openssl rand -hex 32\`)`);
  return Buffer.from(key);
}

let processKey: Buffer | undefined;

/**
 * The key this process fingerprints with, loaded once (the logger and the ledger share it). Under vitest, with no key
 * configured, a random key kept in memory only: tests write no key file into the working tree.
 */
export function processPiiKey(): Buffer {
  if (processKey) return processKey;
  const configured = process.env.COMMERCE_PII_KEY !== undefined || process.env.COMMERCE_PII_KEY_FILE !== undefined;
  processKey = !configured && process.env.VITEST ? randomBytes(32) : loadPiiKey();
  return processKey;
}

const FINGERPRINT = /^(?:hmac|sha256):[0-9a-f]{16}$/;

/** True for a value `fingerprint` made (or the unkeyed `sha256:` fingerprints of older entries). */
export const isFingerprint = (value: string): boolean => FINGERPRINT.test(value);

/**
 * A short keyed fingerprint of a personal value, `hmac:` + 16 hex digits: the same value (trimmed, case and spacing
 * ignored) gives the same fingerprint within a deployment. A value that already is a fingerprint is kept.
 */
export function fingerprint(value: string, key: Buffer = processPiiKey()): string {
  if (isFingerprint(value)) return value;
  const normal = value.trim().toLowerCase().replace(/\s+/g, ' ');
  return `hmac:${createHmac('sha256', key).update(normal).digest('hex').slice(0, 16)}`;
}
