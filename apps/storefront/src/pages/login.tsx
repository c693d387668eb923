import { unwrap } from '@cartwright/client';
import { ErrorNotice } from '../problems.js';
import { useAction } from '../resource.js';
import { Link, navigate } from '../router.js';
import { useShop } from '../shop.js';

/** Only a path of this app: a `next` from the address bar never sends anyone elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const field = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '');

export function LoginPage({ next, ended }: { next: string | null; ended: boolean }) {
  const { client, setUser } = useShop();
  const action = useAction();
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    action.run(async () => {
      const pair = await unwrap(client.logIn(field(form, 'email'), field(form, 'password')));
      setUser(pair.user);
      navigate(safeNext(next), { replace: true });
    });
  };
  return (
    <>
      <h1>Log in</h1>
      {ended && (
        <p class="notice" role="status">
          Your session has ended. Log in again to continue.
        </p>
      )}
      <form class="stacked-form" onSubmit={onSubmit}>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit" disabled={action.busy}>
          Log in
        </button>
      </form>
      {action.error !== undefined && <ErrorNotice error={action.error} />}
      <p>
        New here? <Link href={`/register?next=${encodeURIComponent(safeNext(next))}`}>Create an account</Link>
      </p>
    </>
  );
}

export function RegisterPage({ next }: { next: string | null }) {
  const { client, setUser } = useShop();
  const action = useAction();
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const email = field(form, 'email');
    const password = field(form, 'password');
    const names = {
      first_name: field(form, 'first_name').trim(),
      last_name: field(form, 'last_name').trim(),
    };
    action.run(async () => {
      await unwrap(
        client.customers.POST('/api/v1/users', {
          body: {
            email,
            password,
            ...(names.first_name ? { first_name: names.first_name } : {}),
            ...(names.last_name ? { last_name: names.last_name } : {}),
          },
        }),
      );
      const pair = await unwrap(client.logIn(email, password));
      setUser(pair.user);
      navigate(safeNext(next), { replace: true });
    });
  };
  return (
    <>
      <h1>Create an account</h1>
      <form class="stacked-form" onSubmit={onSubmit}>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          minLength={8}
          maxLength={128}
          required
          aria-describedby="password-rule"
        />
        <p id="password-rule" class="small">
          8 to 128 characters.
        </p>
        <label for="first_name">First name</label>
        <input id="first_name" name="first_name" autocomplete="given-name" maxLength={100} />
        <label for="last_name">Last name</label>
        <input id="last_name" name="last_name" autocomplete="family-name" maxLength={100} />
        <button type="submit" disabled={action.busy}>
          Create account
        </button>
      </form>
      {action.error !== undefined && <ErrorNotice error={action.error} />}
    </>
  );
}
