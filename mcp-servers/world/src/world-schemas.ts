import { assertSchemaName } from '@agentic-commerce/kit';

export const SYSTEMS = ['oms', 'wms', 'courier', 'pricing'] as const;
export type SystemName = (typeof SYSTEMS)[number];
export type WorldSchemas = Record<SystemName, string>;

/** The schema of each system: "oms", "wms", ... or, with a prefix, "<prefix>_oms", "<prefix>_wms", .... */
export function worldSchemas(prefix?: string): WorldSchemas {
  if (prefix !== undefined && !/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new RangeError(`world prefix "${prefix}" is invalid: use 1-41 lower-case letters, digits and _, starting with a letter or _`);
  }
  const name = (system: SystemName) => assertSchemaName(prefix ? `${prefix}_${system}` : system);
  return { oms: name('oms'), wms: name('wms'), courier: name('courier'), pricing: name('pricing') };
}
