import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeOnce } from '../write-once.ts';

/**
 * The HMAC secret for bearer tokens: COMMERCE_TOKEN_SECRET (at least 32 bytes), else a development secret generated
 * on first start and kept at <COMMERCE_DATA_DIR or .data>/token-secret (so `pnpm token` and the servers agree).
 */
export function loadTokenSecret(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.COMMERCE_TOKEN_SECRET;
  if (configured !== undefined) {
    if (Buffer.byteLength(configured) < 32) throw new Error('COMMERCE_TOKEN_SECRET must be at least 32 bytes long (e.g. `openssl rand -hex 32`)');
    return configured;
  }
  const path = join(env.COMMERCE_DATA_DIR ?? '.data', 'token-secret');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeOnce(path, randomBytes(32).toString('hex'));
  }
  return readFileSync(path, 'utf8').trim();
}
