import { parsePrincipal, type Principal } from '../principal.ts';

/** The principal of a stdio server, from COMMERCE_PRINCIPAL (JSON); undefined when unset. Throws a clear error when malformed. */
export function principalFromEnv(env: NodeJS.ProcessEnv = process.env): Principal | undefined {
  const json = env.COMMERCE_PRINCIPAL;
  if (json === undefined || json.trim() === '') return undefined;
  return parsePrincipal(json, 'COMMERCE_PRINCIPAL');
}
