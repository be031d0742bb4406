import { isActionIntent, specialistFor, type Specialist } from '../nlu/intents.ts';
import { call, say, type FlowContext, type Step } from '../flows/flow-context.ts';
import { openTasks } from './tasks.ts';
import { carriesIdentity } from '../slots/identity.ts';
import { smallTalkReply } from './small-talk.ts';

const transferTool: Record<Specialist, string> = {
  shopping: 'transfer_to_shopping',
  returns: 'transfer_to_returns',
  delivery: 'transfer_to_delivery',
  human: 'transfer_to_human',
};

/**
 * Routes the latest customer turn: the specialist of its first request; or, for a bare answer ("my email is …"), the
 * specialist of the oldest open request; small talk and messages it did not understand are answered directly.
 * Once a specialist has replied to the latest turn, the supervisor has nothing to add (empty text).
 */
export function planSupervisor(ctx: FlowContext): Step {
  const { agenda, transcript } = ctx;
  const after = transcript.turns.filter((t) => t.index > agenda.latestAt);
  if (agenda.latestAt < 0 || after.some((t) => t.kind === 'agent')) return say('');
  const asked = agenda.latest.map((c) => c.intent).find((i) => i !== 'unclear' && isActionIntent(i));
  if (asked === 'human_agent') {
    const text = agenda.latest.map((c) => c.text).join(' ');
    return transfer(ctx, 'human', `The customer asked for a human agent: "${text}"`);
  }
  if (asked && isActionIntent(asked)) return transfer(ctx, specialistFor[asked], `The customer wants: ${asked.replace(/_/g, ' ')}.`);
  const open = openTasks(agenda).filter((t) => t.intent !== 'human_agent');
  const pending = open[0];
  if (pending) return transfer(ctx, specialistFor[pending.intent], `Continuing: ${pending.intent.replace(/_/g, ' ')}.`);
  const previous = [...transcript.turns].reverse().find((t) => t.kind === 'call' && t.name.startsWith('transfer_to_'));
  const carriesInfo = agenda.latest.some((c) => c.intent === 'provide_info' || c.intent === 'affirm');
  if (previous?.kind === 'call' && carriesInfo && previous.name !== transferTool.human) {
    return { kind: 'call', name: previous.name, args: previous.args };
  }
  // "My email is …" before any request: a specialist verifies who it is (and says so honestly when nobody matches).
  const onlyIdentity = agenda.latest.every((c) => c.intent === 'provide_info' || c.intent === 'greeting');
  if (!previous && onlyIdentity && agenda.latest.some((c) => carriesIdentity(c.text))) {
    return transfer(ctx, specialistFor.account_info, 'The customer identified themselves; verify the account before their request.');
  }
  return say(smallTalkReply(agenda.latest));
}

function transfer(ctx: FlowContext, to: Specialist, reason: string): Step {
  const name = transferTool[to];
  const shape = ctx.tools.get(name);
  if (!shape) return say(`I can't reach the ${to} team from here right now. Please try again in a moment.`);
  return call(name, shape.properties.includes('reason') || to === 'human' ? { reason } : {});
}
