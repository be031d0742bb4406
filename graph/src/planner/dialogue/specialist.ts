import { authenticate } from '../flows/authenticate.ts';
import { alreadyCalled, call, say, type FlowContext, type Step } from '../flows/flow-context.ts';
import { specialistFor } from '../nlu/intents.ts';
import { openTasks } from './tasks.ts';
import { flows } from './flow-registry.ts';
import { reportOutcomes } from './outcome-report.ts';
import { smallTalkReply } from './small-talk.ts';
import { carriesIdentity } from '../slots/identity.ts';

/**
 * A specialist's next step: work through the open requests it has tools for, in the order the customer made them;
 * the first tool call wins, otherwise the answers and questions of all of them are said together.
 */
export function planSpecialist(ctx: FlowContext): Step {
  const { agenda, tools } = ctx;
  const report = reportOutcomes(agenda);
  const wantsHuman = agenda.latest.some((c) => c.intent === 'human_agent');
  if (wantsHuman) return handOff(ctx, report);
  const open = openTasks(agenda);
  const mine = open.filter((t) => flows[t.intent]?.needsAnyOf.some((name) => tools.has(name)));
  const said: string[] = [];
  for (const task of mine) {
    const entry = flows[task.intent];
    if (!entry) continue;
    if (entry.authenticated && tools.has('find_user_id_by_email')) {
      const auth = authenticate(ctx);
      if (auth?.kind === 'call') return auth;
      if (auth) return say([...report, auth.text].join(' '));
    }
    const step = entry.flow(ctx, task);
    if (step.kind === 'call') return step;
    if (step.refusal && alreadyTold(ctx, task.updatedAt, step.text)) continue;
    if (!said.includes(step.text)) said.push(step.text);
  }
  const elsewhere = open.filter((t) => !mine.includes(t) && t.intent !== 'human_agent');
  const handBack = elsewhere.length > 0
    ? [`For the rest (${[...new Set(elsewhere.map((t) => t.intent.replace(/_/g, ' ')))].join(', ')}), I will pass you to my ${[...new Set(elsewhere.map((t) => specialistFor[t.intent]))].join(' / ')} colleague.`]
    : [];
  if (mine.length === 0 && tools.has('find_user_id_by_email') && agenda.latest.some((c) => carriesIdentity(c.text))) {
    const auth = authenticate(ctx);
    if (auth) return auth;
    const name = ctx.facts.user?.name?.first_name;
    return say(`Thank you${name ? `, ${name}` : ''}: your identity is verified. How can I help you today?`);
  }
  if (said.length > 0 || report.length > 0 || handBack.length > 0) {
    const closing = said.length === 0 && handBack.length === 0 ? ['Is there anything else I can help you with?'] : [];
    return say([...report, ...said, ...handBack, ...closing].join(' '));
  }
  return say(smallTalkReply(agenda.latest));
}

function handOff(ctx: FlowContext, report: string[]): Step {
  const summary = ctx.agenda.tasks.filter((t) => t.intent !== 'human_agent').map((t) => t.texts[0]).join(' / ');
  const args = { summary: `Customer ${ctx.facts.userId ?? '(not authenticated)'} asked for a human agent.${summary ? ` Requests: ${summary}` : ''}` };
  if (ctx.tools.has('transfer_to_human_agents') && !alreadyCalled(ctx, 'transfer_to_human_agents', args)) {
    return call('transfer_to_human_agents', args);
  }
  return say([...report, 'I am transferring you to a human agent, who will continue from here.'].join(' '));
}

/** True when the agent already said this after the customer last spoke about the task (a refusal is said once). */
function alreadyTold(ctx: FlowContext, since: number, text: string): boolean {
  return ctx.transcript.turns.some((t) => t.kind === 'agent' && t.index > since && t.text.includes(text));
}
