import type { Warehouse } from '../world-model.ts';
import { CITIES } from './people.ts';

/** Fulfilment sites and the states each one serves first (together they cover every city customers live in). */
const SITES = [
  { city: 'Reno', state: 'NV', zip: '89502', street: '4800 Logistics Way', serves: ['NV', 'CA', 'AZ', 'CO'] },
  { city: 'Columbus', state: 'OH', zip: '43217', street: '2250 Rickenbacker Pkwy', serves: ['OH', 'MN', 'IL'] },
  { city: 'Dallas', state: 'TX', zip: '75241', street: '901 Distribution Dr', serves: ['TX'] },
  { city: 'Allentown', state: 'PA', zip: '18106', street: '7600 Industrial Blvd', serves: ['PA', 'NY', 'MA'] },
  { city: 'Atlanta', state: 'GA', zip: '30354', street: '455 Airport Loop', serves: ['GA', 'FL', 'NC'] },
  { city: 'Kent', state: 'WA', zip: '98032', street: '20 Valley Freight Rd', serves: ['WA', 'OR'] },
  { city: 'Joliet', state: 'IL', zip: '60436', street: '1300 Intermodal Ave', serves: ['IL', 'MN'] },
  { city: 'Ontario', state: 'CA', zip: '91761', street: '3100 Inland Empire Blvd', serves: ['CA', 'AZ'] },
] as const;

function zipPrefixesFor(siteIndexes: readonly number[]): string[] {
  const states = new Set<string>(siteIndexes.flatMap((i) => SITES[i]!.serves));
  return [...new Set(CITIES.filter((c) => states.has(c.state)).map((c) => c.zip))].sort();
}

/**
 * `count` warehouses with stable ids wh_01, wh_02, .... With fewer warehouses than sites, each warehouse also serves
 * the regions of the sites left out; with more, sites repeat as numbered buildings.
 */
export function warehouses(count: number): Warehouse[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`warehouses must be a positive integer, got ${count}`);
  return Array.from({ length: count }, (_, i) => {
    const site = SITES[i % SITES.length]!;
    const unit = Math.floor(i / SITES.length);
    const covered = SITES.map((_, s) => s).filter((s) => s % count === i % SITES.length % count || s === i % SITES.length);
    return {
      id: `wh_${String(i + 1).padStart(2, '0')}`,
      name: `${site.city} fulfillment center${unit > 0 ? ` ${unit + 1}` : ''}`,
      region: `${site.city}, ${site.state}`,
      zipPrefixes: zipPrefixesFor(covered),
      address: { address1: site.street, address2: unit > 0 ? `Building ${unit + 1}` : '', city: site.city, country: 'USA', state: site.state, zip: site.zip },
    };
  });
}

export function warehouseLocation(warehouse: Warehouse): string {
  return warehouse.region;
}
