import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signerFromPrivateKey } from '../ledger/ledger-keys.ts';
import { toolError } from '../testing/connect-as.ts';
import { kitHarness, principals, type KitHarness } from '../testing/kit-harness.ts';
import { sharedPostgres, testPostgresUrl, DATABASE_START_TIMEOUT_MS } from '../testing/test-database.ts';

const run = promisify(execFile);
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
const cli = (name: string) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const keyDir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));

// Each case spawns `tsx` processes (seconds each, much more on a busy machine): a generous per-test timeout.
describe.skipIf(!testPostgresUrl())('ledger and approvals CLIs', { timeout: 240_000 }, () => {
  let h: KitHarness;
  let approvalId: string;
  /** Runs a CLI on the harness's schema (unless `args` names one) with the signing key (`env` overrides, undefined unsets). */
  const exec = async (name: string, args: string[], overrides: Record<string, string | undefined> = {}) => {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: testPostgresUrl(), COMMERCE_LEDGER_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), ...overrides };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    try {
      const { stdout } = await run(tsx, [cli(name), ...(args.includes('--schema') ? [] : ['--schema', h.runtime.schema]), ...args], { env });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout + e.stderr };
    }
  };
  beforeAll(async () => {
    h = await kitHarness(await sharedPostgres(), { signer: signerFromPrivateKey(privateKey) });
    await h.call(principals.alice, 'issue_refund', { customer_id: 'alice', order_id: '#W77', amount: 12, email: 'alice@example.com' });
    const pending = await h.call(principals.alice, 'issue_refund', { customer_id: 'alice', order_id: '#W78', amount: 300 });
    approvalId = (toolError(pending)!.details!.approval as { id: string }).id;
  }, DATABASE_START_TIMEOUT_MS);
  afterAll(async () => {
    rmSync(keyDir, { recursive: true, force: true });
    await h.cleanup();
  });

  it('verifies the chain and shows an order history without personal data', async () => {
    const verify = await exec('ledger', ['verify']);
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/entries in 1 chain\(s\) verified in .* chains, signatures and heads OK/) });
    const show = await exec('ledger', ['show', '--order', '#W77']);
    expect(show.stdout).toMatch(/^1\/1 .* intent .*refunds\.issue_refund .*customer c:alice /m); // chain/seq; principal kind and id
    expect(show.stdout).toMatch(/decision .*allowed \[policy test-1#/);
    expect(show.stdout).not.toContain('alice@example.com');
  });

  it('reads a ledger or approvals only where there are some: a mistyped schema is refused (exit 2), not created', async () => {
    const typo = `${h.runtime.schema}_typo`;
    const [verify, show, list] = await Promise.all([
      exec('ledger', ['verify', '--schema', typo]), exec('ledger', ['show', '--order', '#W77', '--schema', typo]), exec('approvals', ['list', '--schema', typo]),
    ]);
    for (const [result, table] of [[verify, 'ledger'], [show, 'ledger'], [list, 'approvals']] as const) {
      expect(result).toMatchObject({ code: 2, stdout: expect.stringContaining(`no ${table} in schema ${typo} (database postgres://`) });
      expect(result.stdout).toContain('check --schema / DATABASE_URL');
    }
    expect(await h.runtime.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [typo])).toEqual([]);
  });

  it('answers bad command lines with one line and the usage (exit 2), never a stack trace', async () => {
    const cases: [string[], string][] = [
      [['verify', '--bogus'], "Unknown option '--bogus'"],
      [['show', '--order'], "Option '--order <value>' argument missing"],
      [['verify', '--schema', 'x;drop'], '--schema: schema name "x;drop" is invalid'],
      [['verify', 'everything'], 'unexpected argument "everything": verify takes options only'],
      [['show', '--order', '#W77', '#W78'], 'unexpected argument "#W78"'],
      [['verify', '--order', '#W77'], '--order, --conversation and --customer are options of show'],
    ];
    const results = await Promise.all(cases.map(([args]) => exec('ledger', args)));
    results.forEach((result, i) => {
      expect(result).toMatchObject({ code: 2, stdout: expect.stringContaining(cases[i]![1]) });
      expect(result.stdout).toContain('usage:');
      expect(result.stdout).not.toMatch(/^\s+at /m);
    });
  });

  it('verifies with public keys only, writing no key, and refuses when it has none', async () => {
    const pub = join(keyDir, 'ledger.pub.pem');
    writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
    const data = join(keyDir, 'data');
    const noKey = { COMMERCE_LEDGER_SIGNING_KEY: undefined, COMMERCE_LEDGER_SIGNING_KEY_FILE: undefined, COMMERCE_DATA_DIR: data };
    const [withPublic, without] = await Promise.all([
      exec('ledger', ['verify'], { ...noKey, COMMERCE_LEDGER_PUBLIC_KEY_FILES: pub }),
      exec('ledger', ['verify'], { ...noKey, COMMERCE_LEDGER_PUBLIC_KEY_FILES: undefined }),
    ]);
    expect(withPublic).toMatchObject({ code: 0, stdout: expect.stringContaining('chains, signatures and heads OK') });
    expect(without).toMatchObject({ code: 2, stdout: expect.stringContaining(`no ledger key to verify with`) });
    expect(readdirSync(keyDir)).toEqual(['ledger.pub.pem']); // no development key was generated
  });

  it('prints the chain heads of a verified ledger, and verify then reports a chain that no longer reaches them', async () => {
    const heads = await exec('ledger', ['heads']);
    expect(heads.code).toBe(0);
    const snapshot = JSON.parse(heads.stdout) as { schema: string; heads: { chain: number; seq: number }[] };
    expect(snapshot).toMatchObject({ schema: h.runtime.schema, heads: [{ chain: 1, seq: expect.any(Number) }] });
    const file = join(keyDir, 'heads.json');
    writeFileSync(file, heads.stdout);
    // The same heads further on than the chain reaches: as after its tail was cut and its head row rewound.
    const ahead = join(keyDir, 'ahead.json');
    writeFileSync(ahead, JSON.stringify({ ...snapshot, heads: snapshot.heads.map((x) => ({ ...x, seq: x.seq + 3 })) }));
    const [kept, cut] = await Promise.all([exec('ledger', ['verify', '--expect-heads', file]), exec('ledger', ['verify', '--expect-heads', ahead])]);
    expect(kept).toMatchObject({ code: 0, stdout: expect.stringContaining('chain head(s) of') });
    expect(cut).toMatchObject({ code: 1, stdout: expect.stringMatching(/chain 1 had \d+ entries at .* and now has \d+: entries were removed from its end/) });
    rmSync(file);
    rmSync(ahead);
  });

  it('lists, approves and refuses to re-approve from the command line', async () => {
    const list = await exec('approvals', ['list']);
    expect(list.stdout).toContain(`${approvalId}  pending  refunds.issue_refund`);
    expect(list.stdout).toContain('needs approval because refund 300.00 > 250.00');
    expect((await exec('approvals', ['approve', approvalId, '--as', 'op:cli', '--note', 'checked'])).stdout).toContain('approved by op:cli: checked');
    expect(await exec('approvals', ['reject', approvalId, '--note', 'late'])).toMatchObject({ code: 1, stdout: expect.stringContaining(`CONFLICT: approval ${approvalId} is already approved`) });
    expect(await exec('approvals', ['reject', approvalId])).toMatchObject({ code: 2, stdout: expect.stringContaining('reject needs --note') });
  });

  it('expires due approvals from the command line, recording each in the ledger', async () => {
    const due = await h.call(principals.alice, 'issue_refund', { customer_id: 'alice', order_id: '#W79', amount: 310 });
    const dueId = (toolError(due)!.details!.approval as { id: string }).id;
    await h.runtime.db.query(`UPDATE ${h.runtime.schema}.approvals SET expires_at = now() - interval '1 minute' WHERE id = $1`, [dueId]);
    expect(await exec('approvals', ['expire'])).toMatchObject({ code: 0, stdout: `1 approval(s) expired: ${dueId}\n` });
    expect((await exec('approvals', ['list', '--status', 'expired'])).stdout).toContain(`${dueId}  expired  refunds.issue_refund`);
    expect((await h.runtime.ledger.find(h.runtime.db, { callId: `approval:${dueId}` })).map((e) => e.kind)).toEqual(['approval_requested', 'approval_expired']);
  });

  it('reports the first bad entry and exits 1 after tampering', async () => {
    const t = `${h.runtime.schema}.ledger`;
    await h.runtime.db.exec(`ALTER TABLE ${t} DISABLE TRIGGER ledger_append_only; UPDATE ${t} SET body = replace(body, '"amount":12', '"amount":1200') WHERE seq = 1; ALTER TABLE ${t} ENABLE TRIGGER ledger_append_only`);
    expect(await exec('ledger', ['verify'])).toMatchObject({ code: 1, stdout: expect.stringContaining('entry 1: its content does not match its hash') });
  });
});
