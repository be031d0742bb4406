import { invalidArgument } from '@agentic-commerce/kit';

/** A shipping address in the τ-bench shape. */
export interface ShipTo {
  address1: string;
  address2?: string | undefined;
  city: string;
  state: string;
  country: string;
  zip: string;
}

const US_NAMES = new Set(['US', 'USA', 'UNITED STATES', 'UNITED STATES OF AMERICA']);

/**
 * The two-letter state code that taxes a US shipment. Tax rates are known for US addresses only, so another
 * country is refused with what is accepted.
 */
export function taxStateOf(address: ShipTo, knownStates: readonly string[]): string {
  if (!US_NAMES.has(address.country.trim().toUpperCase())) {
    throw invalidArgument(`shipping country "${address.country}" is not served: this store ships to the USA only (country "USA" or "US")`);
  }
  const state = address.state.trim().toUpperCase();
  if (!knownStates.includes(state)) {
    throw invalidArgument(`shipping state "${address.state}" is not a US state code; use a two-letter code such as ${knownStates.slice(0, 5).join(', ')}`);
  }
  return state;
}
