import { unwrap } from '@cartwright/client';
import { useState } from 'preact/hooks';
import { ErrorNotice } from '../problems.js';
import { useAction, useResource } from '../resource.js';
import { useShop } from '../shop.js';

const field = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '');
const when = (iso: string) => new Date(iso).toLocaleString();

/** Where this account is signed in; any other session can be ended from here. */
function SessionList() {
  const { client } = useShop();
  const sessions = useResource(() => unwrap(client.customers.GET('/api/v1/users/me/sessions')), [client]);
  const end = useAction();
  const endSession = (id: string) =>
    end.run(async () => {
      await unwrap(client.customers.DELETE('/api/v1/users/me/sessions/{id}', { params: { path: { id } } }));
      sessions.reload();
    });

  if (sessions.error !== undefined) return <ErrorNotice error={sessions.error} onRetry={sessions.reload} />;
  if (!sessions.data) return <p aria-busy="true">Loading your sessions…</p>;
  return (
    <>
      <ul class="sessions">
        {sessions.data.items.map((session) => (
          <li key={session.id}>
            <strong>{session.user_agent || 'Unknown browser'}</strong>
            {session.current ? ' (this browser)' : ''}
            <br />
            <span class="small">
              Signed in {when(session.created_at)}, last active {when(session.last_used_at)}
            </span>
            {!session.current && (
              <button
                type="button"
                class="secondary"
                disabled={end.busy}
                aria-label={`End session signed in ${when(session.created_at)}`}
                onClick={() => endSession(session.id)}
              >
                End session
              </button>
            )}
          </li>
        ))}
      </ul>
      {end.error !== undefined && <ErrorNotice error={end.error} />}
    </>
  );
}

export function AccountPage() {
  const { client, setUser, endSession, logOut } = useShop();
  const me = useResource(() => unwrap(client.customers.GET('/api/v1/users/me')), [client]);
  const profile = useAction();
  const password = useAction();
  const [saved, setSaved] = useState(false);

  const saveProfile = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    profile.run(async () => {
      setSaved(false);
      const user = await unwrap(
        client.customers.PATCH('/api/v1/users/me', {
          body: {
            email: field(form, 'email'),
            first_name: field(form, 'first_name'),
            last_name: field(form, 'last_name'),
          },
        }),
      );
      me.set(user);
      setUser(user);
      setSaved(true);
    });
  };
  const changePassword = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    password.run(async () => {
      await unwrap(
        client.customers.PUT('/api/v1/users/me/password', {
          body: {
            current_password: field(form, 'current_password'),
            new_password: field(form, 'new_password'),
          },
        }),
      );
      // A new password ends every session, this one included: log in with it.
      endSession();
    });
  };

  if (me.error !== undefined) return <ErrorNotice error={me.error} onRetry={me.reload} />;
  if (!me.data) return <p aria-busy="true">Loading your account…</p>;
  return (
    <>
      <h1>Your account</h1>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <form class="stacked-form" onSubmit={saveProfile}>
          <label for="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            defaultValue={me.data.email}
            required
          />
          <label for="first_name">First name</label>
          <input
            id="first_name"
            name="first_name"
            autocomplete="given-name"
            defaultValue={me.data.first_name}
          />
          <label for="last_name">Last name</label>
          <input
            id="last_name"
            name="last_name"
            autocomplete="family-name"
            defaultValue={me.data.last_name}
          />
          <button type="submit" disabled={profile.busy}>
            Save profile
          </button>
        </form>
        <p role="status" class="small">
          {saved ? 'Profile saved.' : ''}
        </p>
        {profile.error !== undefined && <ErrorNotice error={profile.error} />}
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <p class="small">Changing it logs you out everywhere, here included.</p>
        <form class="stacked-form" onSubmit={changePassword}>
          <label for="current_password">Current password</label>
          <input
            id="current_password"
            name="current_password"
            type="password"
            autocomplete="current-password"
            required
          />
          <label for="new_password">New password</label>
          <input
            id="new_password"
            name="new_password"
            type="password"
            autocomplete="new-password"
            minLength={8}
            maxLength={128}
            required
          />
          <button type="submit" disabled={password.busy}>
            Change password
          </button>
        </form>
        {password.error !== undefined && <ErrorNotice error={password.error} />}
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <SessionList />
        <div class="actions">
          <button type="button" onClick={() => void logOut()}>
            Log out
          </button>
          <button type="button" class="secondary" onClick={() => void logOut({ everywhere: true })}>
            Log out everywhere
          </button>
        </div>
      </section>
    </>
  );
}
