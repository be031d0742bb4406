import type { Address, PaymentMethod, UserRecord } from '../tau-bench/tau-bench-records.ts';
import { CARD_BRANDS, CITIES, FIRST_NAMES, LAST_NAMES, STREETS } from './people.ts';
import type { Prng } from './prng.ts';
import type { UniqueIds } from './unique-ids.ts';

/** Share of gift cards whose balance is low (under $15): they cannot cover most price differences. */
export const LOW_GIFT_CARD_RATE = 0.35;

export interface GeneratedCustomer {
  userId: string;
  user: UserRecord;
}

export function generateAddress(prng: Prng): Address {
  const place = prng.pick(CITIES);
  return {
    address1: `${prng.int(1, 999)} ${prng.pick(STREETS)}`,
    address2: prng.chance(0.5) ? `Suite ${prng.int(100, 999)}` : '',
    city: place.city,
    country: 'USA',
    state: place.state,
    zip: `${place.zip}${String(prng.int(0, 99)).padStart(2, '0')}`,
  };
}

function paymentMethods(prng: Prng, ids: UniqueIds): Record<string, PaymentMethod> {
  const methods: PaymentMethod[] = [];
  const kinds = prng.sample(['credit_card', 'paypal', 'gift_card'] as const, Number(prng.weighted({ 1: 5, 2: 4, 3: 1 })));
  for (const kind of kinds) {
    const id = `${kind}_${ids.next(prng, 7)}`;
    if (kind === 'credit_card') methods.push({ source: kind, id, brand: prng.pick(CARD_BRANDS), last_four: String(prng.int(0, 9999)).padStart(4, '0') });
    else if (kind === 'paypal') methods.push({ source: kind, id });
    else methods.push({ source: kind, id, balance: prng.chance(LOW_GIFT_CARD_RATE) ? prng.int(0, 1499) / 100 : prng.int(2000, 30000) / 100 });
  }
  return Object.fromEntries(methods.map((m) => [m.id, m]));
}

/** Customer number `index` of the world, with a τ-bench style id ("sara_doe_496"), an email and 1-2 payment methods. */
export function generateCustomer(prng: Prng, index: number, ids: UniqueIds): GeneratedCustomer {
  const stream = prng.fork('customer', index);
  const first = stream.pick(FIRST_NAMES);
  const last = stream.pick(LAST_NAMES);
  let userId: string;
  do userId = `${first}_${last}_${stream.int(1000, 9999)}`.toLowerCase();
  while (!ids.claim(userId));
  const user: UserRecord = {
    name: { first_name: first, last_name: last },
    address: generateAddress(stream),
    email: `${first}.${last}${userId.slice(userId.lastIndexOf('_') + 1)}@example.com`.toLowerCase(),
    payment_methods: paymentMethods(stream, ids),
    orders: [],
  };
  return { userId, user };
}
