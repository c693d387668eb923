import type { User } from '../domain/user.js';
import type { ListPosition, UserRepository } from '../ports.js';
import { requireAdmin } from './admin-access.js';
import type { Caller } from './authenticate.js';

export interface UserPage {
  items: User[];
  /** Where the next page starts, or undefined on the last page. */
  next: ListPosition | undefined;
}

export async function listUsers(
  { users }: { users: UserRepository },
  caller: Caller,
  query: { search?: string; limit: number; after?: ListPosition },
): Promise<UserPage> {
  requireAdmin(caller);
  const search = query.search?.trim() || undefined;
  // One row more than asked tells whether another page exists without a count query.
  const rows = await users.list({
    limit: query.limit + 1,
    ...(search ? { search } : {}),
    ...(query.after ? { after: query.after } : {}),
  });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items,
    next: rows.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : undefined,
  };
}
