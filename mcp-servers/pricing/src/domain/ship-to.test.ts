import { describe, expect, it } from 'vitest';
import { taxStateOf } from './ship-to.ts';
import { US_STATE_SALES_TAX_2024 } from './us-state-sales-tax.ts';

const states = Object.keys(US_STATE_SALES_TAX_2024);
const address = { address1: '986 Sunset Drive', city: 'Denver', state: 'CO', country: 'USA', zip: '80279' };

describe('ship-to tax state', () => {
  it('covers the 50 states and DC', () => expect(states).toHaveLength(51));

  it('accepts US addresses written the usual ways', () => {
    expect(taxStateOf(address, states)).toBe('CO');
    expect(taxStateOf({ ...address, state: ' tx ', country: 'United States' }, states)).toBe('TX');
  });

  it('refuses other countries and unknown states, saying what is accepted', () => {
    expect(() => taxStateOf({ ...address, country: 'Canada' }, states)).toThrow(/ships to the USA only/);
    expect(() => taxStateOf({ ...address, state: 'Colorado' }, states)).toThrow(/not a US state code; use a two-letter code/);
  });
});
