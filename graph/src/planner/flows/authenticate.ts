import { extractEmails, extractName, extractZip } from '../slots/identity.ts';
import { withoutAddress } from '../slots/address.ts';
import { alreadyCalled, call, say, type FlowContext, type Step } from './flow-context.ts';

/**
 * τ-bench authentication: find the user id by email, or by first + last name + zip, then read the profile. Returns
 * undefined once the customer is authenticated and their profile is loaded.
 */
export function authenticate(ctx: FlowContext): Step | undefined {
  const { facts } = ctx;
  if (facts.userId) {
    if (facts.user) return undefined;
    return call('get_user_details', { user_id: facts.userId });
  }
  const customerTexts = ctx.transcript.turns.filter((t) => t.kind === 'customer').map((t) => t.text);
  const askedForName = lastAgentText(ctx).toLowerCase().includes('name');
  for (const text of [...customerTexts].reverse()) {
    for (const email of extractEmails(text)) {
      const args = { email };
      if (!alreadyCalled(ctx, 'find_user_id_by_email', args)) return call('find_user_id_by_email', args);
    }
    const name = extractName(text, askedForName);
    const zip = extractZip(withoutAddress(text)) ?? (name ? zipNearby(customerTexts) : undefined);
    if (name && zip) {
      const args = { first_name: name.firstName, last_name: name.lastName, zip };
      if (!alreadyCalled(ctx, 'find_user_id_by_name_zip', args)) return call('find_user_id_by_name_zip', args);
    }
  }
  if (facts.failedLookups.size > 0) return say(notFoundReply(ctx));
  const partialName = customerTexts.map((t) => extractName(t, askedForName)).find(Boolean);
  if (partialName) return say(`Thanks, ${partialName.firstName}. What is the zip code on your account? (Or give me your email address instead.)`);
  return say('I can help with that. First I need to verify your identity: please give me your email address, or your first and last name and zip code.');
}

function zipNearby(texts: string[]): string | undefined {
  for (const text of [...texts].reverse()) {
    const zip = extractZip(withoutAddress(text));
    if (zip) return zip;
  }
  return undefined;
}

function lastAgentText(ctx: FlowContext): string {
  const agent = [...ctx.transcript.turns].reverse().find((t) => t.kind === 'agent');
  return agent?.kind === 'agent' ? agent.text : '';
}

/** Says exactly which details matched no customer, and offers the other way of identifying (email, or name + zip). */
function notFoundReply(ctx: FlowContext): string {
  const failed = ctx.facts.results.filter((r) => ctx.facts.failedLookups.has(JSON.stringify(r.args))).at(-1);
  const args = failed?.args as { email?: string; first_name?: string; last_name?: string; zip?: string } | undefined;
  if (args?.email) {
    return `I could not find an account with the email ${args.email}: no customer has that email. Could you check it, or give me your first and last name and your zip code instead?`;
  }
  if (args?.first_name && args.last_name && args.zip) {
    return `I could not find an account for ${args.first_name} ${args.last_name} with zip code ${args.zip}. Could you check those details, or give me the email address on your account instead?`;
  }
  return 'I could not find an account with those details. Could you check them, or give me your email address, or your first and last name with your zip code?';
}
