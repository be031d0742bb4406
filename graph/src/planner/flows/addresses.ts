import { extractAddress, type PostalAddress } from '../slots/address.ts';
import { alreadyCalled, call, newestFirst, say, type Flow } from './flow-context.ts';
import { selectOrder } from './order-selection.ts';
import { locationKindOf, rerouteToLocation } from './reroute-to-location.ts';
import type { Task } from '../dialogue/tasks.ts';

function addressOf(task: Task): PostalAddress | undefined {
  return newestFirst(task).map(extractAddress).find(Boolean);
}

const askAddress = (what: string) =>
  say(`What is the new ${what}? Please give the full address: street, apartment or suite if any, city, state and zip code.`);

/**
 * Change the shipping address of a pending order; for a shipped order, reroute it when the courier tool is bound (to
 * another address, or to a locker or pickup point of its area).
 */
export const modifyOrderAddress: Flow = (ctx, task) => {
  const canReroute = ctx.tools.has('reroute_shipment');
  const choice = selectOrder(ctx, task, canReroute ? ['pending', 'processed'] : ['pending'], 'change the address of');
  if (choice.kind === 'step') return choice.step;
  const place = canReroute ? locationKindOf(task) : undefined;
  if (place) return rerouteToLocation(ctx, task, choice.order, place);
  const address = addressOf(task);
  if (!address) return askAddress(`shipping address for order ${choice.order.order_id}`);
  if (choice.order.status === 'pending') return call('modify_pending_order_address', { order_id: choice.order.order_id, ...address });
  const trackingId = choice.order.fulfillments?.[0]?.tracking_id[0];
  if (!trackingId) return say(`Order ${choice.order.order_id} has no shipment to reroute yet.`);
  return call('reroute_shipment', { tracking_id: trackingId, destination_kind: 'address', address });
};

/** Change the customer's default address. */
export const changeDefaultAddress: Flow = (ctx, task) => {
  const userId = ctx.facts.userId;
  if (!userId) return say('Please verify your identity first: your email, or your name and zip code.');
  const address = addressOf(task);
  if (!address) return askAddress('default address');
  const args = { user_id: userId, ...address };
  if (alreadyCalled(ctx, 'modify_user_address', args)) return say('Your default address is updated.');
  return call('modify_user_address', args);
};
