import { unwrap, type User } from '@cartwright/client';
import { useState } from 'preact/hooks';
import { Pager, useCursorTrail } from '../pager.js';
import { ErrorNotice } from '../problems.js';
import { useAction, useResource } from '../resource.js';
import { useShop } from '../shop.js';

/** Users for administrators: search, promote, demote, delete (never one's own account here). */
export function AdminUsersPage() {
  const { client, user: me } = useShop();
  const [search, setSearch] = useState('');
  const trail = useCursorTrail();
  const { cursor } = trail;
  const page = useResource(
    () =>
      unwrap(
        client.customers.GET('/api/v1/users', {
          params: { query: { limit: 20, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [client, search, cursor],
  );
  return (
    <>
      <h1>Users</h1>
      <form
        role="search"
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          trail.reset();
          setSearch(String(new FormData(event.currentTarget).get('search') ?? '').trim());
        }}
      >
        <label for="user-search">Search users</label>
        <input id="user-search" name="search" type="search" />
        <button type="submit">Search</button>
      </form>
      {page.error !== undefined && <ErrorNotice error={page.error} onRetry={page.reload} />}
      {page.data && (
        <table class="lines">
          <caption class="visually-hidden">Users, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((user) => (
              <UserRow key={user.id} user={user} self={user.id === me?.id} onChanged={page.reload} />
            ))}
          </tbody>
        </table>
      )}
      <Pager label="User pages" trail={trail} nextCursor={page.data?.next_cursor} />
    </>
  );
}

function UserRow({ user, self, onChanged }: { user: User; self: boolean; onChanged(): void }) {
  const { client } = useShop();
  const action = useAction();
  const path = { params: { path: { id: user.id } } };
  const setAdmin = (isAdmin: boolean) =>
    action.run(async () => {
      await unwrap(client.customers.PATCH('/api/v1/users/{id}', { ...path, body: { is_admin: isAdmin } }));
      onChanged();
    });
  const remove = () =>
    action.run(async () => {
      if (!confirm(`Delete the account ${user.email}? This cannot be undone.`)) return;
      await unwrap(client.customers.DELETE('/api/v1/users/{id}', path));
      onChanged();
    });
  return (
    <tr>
      <th scope="row">{user.email}</th>
      <td>{[user.first_name, user.last_name].filter(Boolean).join(' ')}</td>
      <td>{user.is_admin ? 'Administrator' : 'Customer'}</td>
      <td>
        {self ? (
          <span class="small">You</span>
        ) : (
          <div class="actions">
            {user.is_admin ? (
              <button
                type="button"
                class="secondary"
                onClick={() => void setAdmin(false)}
                disabled={action.busy}
              >
                Demote {user.email}
              </button>
            ) : (
              <button type="button" onClick={() => void setAdmin(true)} disabled={action.busy}>
                Promote {user.email}
              </button>
            )}
            <button type="button" class="secondary" onClick={remove} disabled={action.busy}>
              Delete {user.email}
            </button>
          </div>
        )}
        {action.error !== undefined && <ErrorNotice error={action.error} />}
      </td>
    </tr>
  );
}
