import { AdminRequired } from './errors.js';

/** Who is calling, as the customers service answered for their token on this very request. */
export interface Caller {
  userId: string;
  email: string;
  /** Read by customers from its database at validation time: a demoted admin loses it at once. */
  isAdmin: boolean;
}

export function assertAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw new AdminRequired();
}
