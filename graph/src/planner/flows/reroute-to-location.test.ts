import { describe, expect, it } from 'vitest';
import { History } from '../testing/history.ts';
import { tauBenchTools } from '../testing/tau-tools.ts';
import { requestedLocationKind } from './reroute-to-location.ts';

const spec = (name: string, properties: string[]) => ({
  type: 'function' as const,
  function: { name, description: name, parameters: { type: 'object', properties: Object.fromEntries(properties.map((p) => [p, { type: 'string' }])) } },
});
const tools = [...tauBenchTools, spec('list_pickup_locations', ['tracking_id', 'zip', 'kind']), spec('reroute_shipment', ['tracking_id', 'destination_kind', 'address', 'location_id'])];

const place = (id: string, kind: string, name: string, full = false) => ({
  location_id: id, kind, name, address: { address1: '1 Station Square', address2: '', city: 'Denver', state: 'CO', country: 'USA', zip: '80202' }, remaining: full ? 0 : 4, full,
});
const listing = (...locations: ReturnType<typeof place>[]) => JSON.stringify({ zip_prefix: '802', locations });
const listArgs = { tracking_id: '357962501027', kind: 'locker' };

function jamesAsks(request: string) {
  return new History('delivery', tools)
    .customer(`james.li4495@example.com. ${request}`)
    .tool('find_user_id_by_email', { email: 'james.li4495@example.com' })
    .tool('get_user_details', { user_id: 'james_li_5688' })
    .tool('get_order_details', { order_id: '#W2611340' });
}

describe('reroute to a locker or pickup point', () => {
  it('recognises where the customer wants to collect the parcel', () => {
    expect(requestedLocationKind('send it to a parcel locker instead')).toBe('locker');
    expect(requestedLocationKind('can I pick it up at a pickup point?')).toBe('pickup_point');
    expect(requestedLocationKind('ship it to 12 Main Street')).toBeUndefined();
  });

  it("lists the lockers of the parcel's area, then reroutes to the only one with room", () => {
    const h = jamesAsks("I won't be home. Please send my parcel for order #W2611340 to a parcel locker instead.");
    expect(h.next()).toEqual({ kind: 'call', name: 'list_pickup_locations', args: listArgs });
    h.tool('list_pickup_locations', listArgs, listing(place('lk_802', 'locker', 'Denver parcel locker'), place('lk_803', 'locker', 'Full locker', true)));
    expect(h.next()).toEqual({ kind: 'call', name: 'reroute_shipment', args: { tracking_id: '357962501027', destination_kind: 'locker', location_id: 'lk_802' } });
  });

  it('asks which one when several have room, and takes the one the customer names', () => {
    const h = jamesAsks('Send the parcel of #W2611340 to a locker please.');
    h.tool('list_pickup_locations', listArgs, listing(place('lk_802', 'locker', 'Station locker'), place('lk_804', 'locker', 'Mall locker')));
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/Several parcel lockers.*Station locker.*Mall locker.*Which one/);
    h.agent(step.kind === 'say' ? step.text : '').customer('the mall locker');
    expect(h.next()).toMatchObject({ kind: 'call', name: 'reroute_shipment', args: { location_id: 'lk_804' } });
  });

  it('says so and changes nothing when every locker is full', () => {
    const h = jamesAsks('Send the parcel of #W2611340 to a locker please.');
    h.tool('list_pickup_locations', listArgs, listing(place('lk_802', 'locker', 'Station locker', true)));
    const step = h.next();
    expect(step.kind === 'say' && step.text).toMatch(/every parcel locker in its area is full\. Nothing was changed/);
  });
});
