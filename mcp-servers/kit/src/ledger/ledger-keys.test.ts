import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOf, loadLedgerPublicKeys, loadLedgerSigner } from './ledger-keys.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
const pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('ledger public keys for verifying', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('neither needs nor writes a private key: with none configured and no development key it refuses', () => {
    const data = join(dir, 'empty');
    expect(() => loadLedgerPublicKeys({ COMMERCE_DATA_DIR: data })).toThrow(/no ledger key to verify with: .*no development key at .*empty\/ledger-signing-key\.pem/);
    expect(existsSync(data)).toBe(false);
  });

  it('trusts the development key the runtime signs with, read only', () => {
    const data = join(dir, 'dev');
    const signer = loadLedgerSigner({ COMMERCE_DATA_DIR: data }); // the runtime's first start writes it
    const before = readdirSync(data);
    expect([...loadLedgerPublicKeys({ COMMERCE_DATA_DIR: data }).keys()]).toEqual([signer.keyId]);
    expect(readdirSync(data)).toEqual(before);
  });

  it('trusts the configured signing key and the public key files, not a development key lying next to them', () => {
    const data = join(dir, 'configured');
    const dev = loadLedgerSigner({ COMMERCE_DATA_DIR: data });
    const retired = generateKeyPairSync('ed25519').publicKey;
    const retiredFile = join(dir, 'retired.pub.pem');
    writeFileSync(retiredFile, retired.export({ type: 'spki', format: 'pem' }));
    const signing = pem();
    const env = { COMMERCE_DATA_DIR: data, COMMERCE_LEDGER_SIGNING_KEY: signing, COMMERCE_LEDGER_PUBLIC_KEY_FILES: retiredFile };
    const keys = loadLedgerPublicKeys(env);
    expect([...keys.keys()].sort()).toEqual([loadLedgerSigner(env).keyId, keyIdOf(retired)].sort());
    expect(keys.has(dev.keyId)).toBe(false);
    // Public key files alone are enough.
    expect([...loadLedgerPublicKeys({ COMMERCE_DATA_DIR: join(dir, 'none'), COMMERCE_LEDGER_PUBLIC_KEY_FILES: retiredFile }).keys()]).toEqual([keyIdOf(retired)]);
    expect(() => loadLedgerPublicKeys({ COMMERCE_LEDGER_SIGNING_KEY_FILE: join(dir, 'missing.pem') })).toThrow('COMMERCE_LEDGER_SIGNING_KEY_FILE points to');
  });
});
