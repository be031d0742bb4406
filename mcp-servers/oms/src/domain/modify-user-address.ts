import type { Address, User } from './records.ts';

/** The customer's default address, replaced (the τ-bench rule has no preconditions beyond the user existing). */
export function modifyUserAddress(user: User, address: Address): User {
  return { ...structuredClone(user), address: { ...address } };
}
