import { fork } from 'node:child_process';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { commandArgs } from '../cli/command-args.ts';

/**
 * A TCP proxy that holds every chunk for `delayMs` before passing it on, each way, in order: a database "on another
 * host" for benches on one machine (loopback has next to no latency). Node's timers are millisecond timers, so a
 * round trip through it takes at least 2 × `delayMs` (measured and printed by the bench that uses it). Run on its own,
 * then point any bench's DATABASE_URL at it:
 *
 *   pnpm --filter @agentic-commerce/kit delay-proxy -- --listen 6543 --to 127.0.0.1:5432 --delay-ms 1
 */
export function startDelayProxy(options: { listen: number; host: string; port: number; delayMs: number | (() => number) }) {
  const delay = typeof options.delayMs === 'number' ? () => options.delayMs as number : options.delayMs; // a function: the delay may change (tests)
  const delayed = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => void setTimeout(() => to.writable && to.write(chunk), delay()));
    from.on('end', () => void setTimeout(() => to.end(), delay()));
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = connect({ host: options.host, port: options.port }, () => upstream.setNoDelay(true));
    delayed(client, upstream);
    delayed(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise<{ port: number; close: () => void }>((resolve) =>
    server.listen(options.listen, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => void server.close() })));
}

/**
 * `startDelayProxy` in a child process (so its CPU is not the bench's) in front of the PostgreSQL at `url`; resolves
 * with the same URL through the proxy, and a way to stop it.
 */
export function forkDelayProxy(url: string, delayMs: number): Promise<{ url: string; stop: () => void }> {
  const target = new URL(url);
  const child = fork(fileURLToPath(import.meta.url), ['--listen', '0', '--to', `${target.hostname}:${target.port || 5432}`, '--delay-ms', String(delayMs)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`delay proxy exited with ${code} before listening`)));
    child.stdout!.once('data', (line: Buffer) => {
      const port = /:(\d+) ->/.exec(line.toString())?.[1];
      if (!port) return reject(new Error(`delay proxy said "${line.toString().trim()}"`));
      child.removeAllListeners('exit');
      const through = new URL(url);
      through.hostname = '127.0.0.1';
      through.port = port;
      resolve({ url: through.toString(), stop: () => child.kill() });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ args: commandArgs(), options: { listen: { type: 'string' }, to: { type: 'string' }, 'delay-ms': { type: 'string' } } });
  const listen = Number(values.listen ?? 6543);
  const [host, portText] = (values.to ?? '127.0.0.1:5432').split(':');
  const port = Number(portText);
  const delayMs = Number(values['delay-ms'] ?? 1);
  if (!Number.isInteger(listen) || listen < 0 || listen > 65535) throw new Error(`--listen must be a TCP port (0: any free one), got "${values.listen}"`);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--to must be host:port, got "${values.to}"`);
  if (!Number.isInteger(delayMs) || delayMs < 1) throw new Error(`--delay-ms must be a whole number >= 1, got "${values['delay-ms']}"`);
  const { port: bound } = await startDelayProxy({ listen, host, port, delayMs });
  process.stdout.write(`delay proxy: 127.0.0.1:${bound} -> ${host}:${port}, ${delayMs} ms each way\n`);
}
