import { openReferenceStack } from '../../app/reference-stack.ts';
import { formatEvent } from '../../cli/format-event.ts';
const stack = await openReferenceStack({ transport: 'memory', dataDir: '/tmp/planner-chat' });
const { service } = stack;
const { conversationId } = service.startConversation({});
const turns = process.argv.slice(2);
for (const t of turns) {
  console.log('you:', t);
  const outcome = await service.sendMessage(conversationId, t, (e: Parameters<typeof formatEvent>[0]) => console.log(formatEvent(e, false)));
  if (outcome.awaiting) console.log('   [awaiting]', outcome.awaiting);
}
await stack.close();
