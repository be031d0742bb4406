import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeOnce } from '../write-once.ts';

/** Signs ledger entry hashes with Ed25519 and verifies them by key id. */
export interface LedgerSigner {
  readonly keyId: string;
  sign(hash: string): string;
  /** Public keys accepted by `verify`, by key id (the signing key's own, plus any retired keys configured). */
  readonly publicKeys: ReadonlyMap<string, KeyObject>;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function signerFromPrivateKey(privateKey: KeyObject, extraPublicKeys: KeyObject[] = []): LedgerSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the ledger signing key must be an Ed25519 key, got ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const publicKeys = new Map<string, KeyObject>([[keyId, publicKey]]);
  for (const key of extraPublicKeys) publicKeys.set(keyIdOf(key), key);
  return {
    keyId,
    publicKeys,
    sign: (hash) => sign(null, Buffer.from(hash, 'hex'), privateKey).toString('base64'),
  };
}

/** Verifies one signature; false for unknown keys or bad signatures. */
export function verifySignature(publicKeys: ReadonlyMap<string, KeyObject>, keyId: string, hash: string, signature: string): boolean {
  const key = publicKeys.get(keyId);
  if (!key) return false;
  return verify(null, Buffer.from(hash, 'hex'), key, Buffer.from(signature, 'base64'));
}

/**
 * `verifySignature` on libuv's thread pool (Node runs the Ed25519 check off the main thread when given a callback), so
 * a caller can have several in flight and use more than one core; false for unknown keys, bad or malformed signatures.
 */
export function verifySignatureAsync(publicKeys: ReadonlyMap<string, KeyObject>, keyId: string, hash: string, signature: string): Promise<boolean> {
  const key = publicKeys.get(keyId);
  if (!key) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      verify(null, Buffer.from(hash, 'hex'), key, Buffer.from(signature, 'base64'), (error, ok) => resolve(!error && ok));
    } catch {
      resolve(false);
    }
  });
}

export function generateSigner(): LedgerSigner {
  return signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

function readKey(pem: string, source: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (cause) {
    throw new Error(`${source} is not a PEM (PKCS#8) Ed25519 private key: ${(cause as Error).message}`);
  }
}

function readPublicKeys(paths: string | undefined): KeyObject[] {
  if (!paths) return [];
  return paths.split(',').filter(Boolean).map((path) => {
    try {
      return createPublicKey(readFileSync(path, 'utf8'));
    } catch (cause) {
      throw new Error(`COMMERCE_LEDGER_PUBLIC_KEY_FILES: ${path} is not a readable PEM public key: ${(cause as Error).message}`);
    }
  });
}

/** Where a development signing key is kept when none is configured: <COMMERCE_DATA_DIR or .data>/ledger-signing-key.pem. */
export const devKeyPath = (env: NodeJS.ProcessEnv = process.env): string => join(env.COMMERCE_DATA_DIR ?? '.data', 'ledger-signing-key.pem');

/** COMMERCE_LEDGER_SIGNING_KEY (PEM text), else COMMERCE_LEDGER_SIGNING_KEY_FILE (path), else undefined. */
function configuredPrivateKey(env: NodeJS.ProcessEnv): KeyObject | undefined {
  if (env.COMMERCE_LEDGER_SIGNING_KEY) return readKey(env.COMMERCE_LEDGER_SIGNING_KEY, 'COMMERCE_LEDGER_SIGNING_KEY');
  const path = env.COMMERCE_LEDGER_SIGNING_KEY_FILE;
  if (!path) return undefined;
  if (!existsSync(path)) throw new Error(`COMMERCE_LEDGER_SIGNING_KEY_FILE points to ${path}, which does not exist`);
  return readKey(readFileSync(path, 'utf8'), path);
}

/**
 * The configured signing key:
 *   COMMERCE_LEDGER_SIGNING_KEY (PEM text) or COMMERCE_LEDGER_SIGNING_KEY_FILE (path);
 *   otherwise a development key generated on first start and kept at <COMMERCE_DATA_DIR or .data>/ledger-signing-key.pem.
 * COMMERCE_LEDGER_PUBLIC_KEY_FILES (comma-separated PEM paths) adds retired keys that `verify` still accepts.
 */
export function loadLedgerSigner(env: NodeJS.ProcessEnv = process.env): LedgerSigner {
  const extra = readPublicKeys(env.COMMERCE_LEDGER_PUBLIC_KEY_FILES);
  const configured = configuredPrivateKey(env);
  if (configured) return signerFromPrivateKey(configured, extra);
  const path = devKeyPath(env);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeOnce(path, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  return signerFromPrivateKey(readKey(readFileSync(path, 'utf8'), path), extra);
}

/**
 * The public keys a verifier trusts, by key id: the same ones `loadLedgerSigner` would accept (the configured signing
 * key's public half, else the development key's if its file exists, plus COMMERCE_LEDGER_PUBLIC_KEY_FILES), read
 * without generating or writing any key. Throws when there is none.
 */
export function loadLedgerPublicKeys(env: NodeJS.ProcessEnv = process.env): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const add = (key: KeyObject) => keys.set(keyIdOf(key), key);
  const configured = configuredPrivateKey(env);
  const dev = devKeyPath(env);
  if (configured) add(createPublicKey(configured));
  else if (existsSync(dev)) add(createPublicKey(readKey(readFileSync(dev, 'utf8'), dev)));
  for (const key of readPublicKeys(env.COMMERCE_LEDGER_PUBLIC_KEY_FILES)) add(key);
  if (keys.size === 0) {
    throw new Error(`no ledger key to verify with: none of COMMERCE_LEDGER_SIGNING_KEY, COMMERCE_LEDGER_SIGNING_KEY_FILE, COMMERCE_LEDGER_PUBLIC_KEY_FILES is set and there is no development key at ${dev} (set COMMERCE_DATA_DIR to where it is)`);
  }
  return keys;
}
