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
  if (facts.failedLookups.size > 0) {
    return say(
      'I could not find an account with those details. Could you check them, or give me your email address, or your first and last name with your zip code?',
    );
  }
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
