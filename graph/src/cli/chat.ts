/**
 * pnpm chat [--customer <user_id>] [--data-dir DIR] — an interactive conversation in the terminal, showing routing,
 * tool calls, confirmations and approvals as they happen. Without --customer you are unauthenticated (τ-bench style:
 * give your email, or name and zip). When a server asks for approval you answer as the operator.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { openReferenceStack } from '../app/reference-stack.ts';
import { formatEvent } from './format-event.ts';

const { values } = parseArgs({
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
const { conversationId } = service.startConversation({ customerId: values.customer });
const operator = { kind: 'operator' as const, id: 'op:terminal', scopes: ['approvals:resolve'] };
const print = (e: Parameters<typeof formatEvent>[0]) => console.log(formatEvent(e, process.stdout.isTTY === true));
console.log(`model: ${stack.model}\nconversation ${conversationId}${values.customer ? ` as ${values.customer}` : ' (unauthenticated)'}; type "exit" to quit.\n`);

const rl = createInterface({ input: process.stdin, output: process.stdout });
try {
  for (;;) {
    const text = (await rl.question('you: ')).trim();
    if (text === 'exit' || text === 'quit') break;
    if (!text) continue;
    let outcome = await service.sendMessage(conversationId, text, print);
    while (outcome.awaiting === 'approval' && outcome.approval) {
      const answer = (await rl.question('operator — approve, reject or skip? ')).trim().toLowerCase();
      if (answer.startsWith('s')) break;
      const decision = answer.startsWith('a') ? { decision: 'approve' } : { decision: 'reject', note: (await rl.question('reason: ')).trim() || undefined };
      outcome = await service.resolveApproval(conversationId, outcome.approval.approvalId, operator, decision, print);
    }
  }
} finally {
  rl.close();
  await stack.close();
}
