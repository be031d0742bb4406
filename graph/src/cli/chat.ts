/**
 * pnpm chat [--customer <user_id>] [--data-dir DIR] — an interactive conversation in the terminal, showing routing,
 * tool calls, confirmations and approvals as they happen. Without --customer you are unauthenticated (τ-bench style:
 * give your email, or name and zip). When a server asks for approval you answer as the operator.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openReferenceStack } from '../app/reference-stack.ts';
import { formatEvent } from './format-event.ts';
import { commandArgs } from '@agentic-commerce/kit/cli/command-args';

// The in-process servers log every call; keep the terminal for the conversation unless LOG_LEVEL says otherwise.
process.env.LOG_LEVEL ??= 'warn';

const { values } = parseArgs({
  args: commandArgs(),
  options: { customer: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
});
if (values.help) {
  console.log('usage: pnpm chat [--customer <user_id>] [--data-dir DIR]   (default data dir: .data/chat; "exit" to quit)');
  process.exit(0);
}

console.log('starting (first run seeds the store)...');
const stack = await openReferenceStack({ transport: 'memory', dataDir: values['data-dir'] ?? '.data/chat' });
const { service } = stack;
const { conversationId } = await service.startConversation({ customerId: values.customer });
const operator = { kind: 'operator' as const, id: 'op:terminal', scopes: ['approvals:resolve'] };
const print = (e: Parameters<typeof formatEvent>[0]) => console.log(formatEvent(e, process.stdout.isTTY === true));
console.log(`model: ${stack.model}\nconversation ${conversationId}${values.customer ? ` as ${values.customer}` : ' (unauthenticated)'}; type "exit" to quit.\n`);

// Lines are read through the iterator (buffered), so piped input works as well as a terminal.
const rl = createInterface({ input: process.stdin, terminal: process.stdin.isTTY === true });
const lines = rl[Symbol.asyncIterator]();
const ask = async (prompt: string): Promise<string | undefined> => {
  process.stdout.write(prompt);
  const next = await lines.next();
  if (next.done) return undefined;
  if (process.stdin.isTTY !== true) process.stdout.write(`${next.value}\n`);
  return next.value.trim();
};
try {
  for (;;) {
    const text = await ask('you: ');
    if (text === undefined || text === 'exit' || text === 'quit') break;
    if (!text) continue;
    let outcome = await service.sendMessage(conversationId, text, print);
    while (outcome.awaiting === 'approval' && outcome.approval) {
      const answer = (await ask('operator — approve, reject or skip? '))?.toLowerCase();
      if (answer === undefined || answer.startsWith('s')) break;
      const decision = answer.startsWith('a') ? { decision: 'approve' } : { decision: 'reject', note: (await ask('reason: ')) || undefined };
      outcome = await service.resolveApproval(conversationId, outcome.approval.approvalId, operator, decision, print);
    }
  }
} finally {
  rl.close();
  await stack.close();
}
