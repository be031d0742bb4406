import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `pnpm start` exactly as a newcomer runs it (embedded defaults, fresh data directory), then the README's curl steps.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'start-'));
const env: NodeJS.ProcessEnv = { ...process.env, COMMERCE_DATA_DIR: dataDir, API_PORT: '0', LOG_LEVEL: 'warn', MODEL_PROVIDER: 'embedded' };
delete env.DATABASE_URL; // the embedded default, even where the shell has PostgreSQL configured
let child: ChildProcess | undefined;
let collector: Server | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  collector?.close();
});

/** A stand-in OTLP/HTTP collector: records the paths it is sent to. */
async function otlpCollector(received: string[]): Promise<string> {
  collector = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume().once('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise<void>((resolve) => collector!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
}

function startBanner(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'graph/src/cli/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('Stop with Ctrl-C')) resolve(out);
    });
    child!.stderr!.on('data', (d) => (out += String(d)));
    child!.once('exit', (code) => reject(new Error(`pnpm start exited with ${code} before it was up:\n${out}`)));
  });
}

describe('pnpm start (embedded defaults, fresh data directory)', () => {
  it('comes up, answers the README example over the API, serves metrics, exports traces, guards its store and stops cleanly', async () => {
    const exported: string[] = [];
    env.OTEL_EXPORTER_OTLP_ENDPOINT = await otlpCollector(exported);
    const banner = await startBanner();
    expect(banner).toMatch(/agentic commerce is up in [\d.]+ s \(first start: store seeded with τ-bench retail\)/);
    const api = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    const token = /export TOKEN=(\S+)/.exec(banner)?.[1];
    expect(api).toBeDefined();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const created = await fetch(`${api}/conversations`, { method: 'POST', headers: auth, body: '{}' });
    expect(created.status).toBe(201);
    const { conversationId } = (await created.json()) as { conversationId: string };
    const reply = await fetch(`${api}/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { ...auth, accept: 'text/event-stream' },
      body: JSON.stringify({ text: 'I want to return an item, my email is noah.brown7922@example.com' }),
    });
    const events = await reply.text();
    expect(events).toContain('event: done');
    // Authenticated by email and shown the customer's delivered orders to choose from.
    expect(events).toMatch(/#W\d{7}/);

    // Prometheus metrics of those tool calls: on the API and on each MCP server the stack started.
    const oms = /MCP oms\s+(http:\/\/\S+)/.exec(banner)?.[1];
    expect(oms).toBeDefined();
    for (const url of [`${api}/metrics`, new URL('/metrics', oms).href]) {
      const metrics = await fetch(url);
      expect(metrics.status, url).toBe(200);
      expect(metrics.headers.get('content-type'), url).toContain('text/plain');
      expect(await metrics.text(), url).toMatch(/^commerce_tool_calls_total\{system="oms",tool="find_user_id_by_email",outcome="ok"\} [1-9]/m);
    }

    // While the server holds the embedded store, a CLI refuses it with a clear message instead of corrupting it.
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'mcp-servers/kit/src/cli/ledger.ts', 'verify', '--data-dir', join(dataDir, 'store')], { cwd: root, env, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/cannot open the database: the embedded store .* is in use by process \d+/);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    // OTEL_EXPORTER_OTLP_ENDPOINT was set: the spans went to the collector (at the latest when the process shut down).
    expect(exported).toContain('POST /v1/traces');
    expect(existsSync(join(dataDir, 'store.lock'))).toBe(false);
  }, 180_000);
});
