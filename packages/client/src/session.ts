import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as CustomersPaths } from './generated/customers.js';

/** The pair POST /api/v1/auth/login and /auth/refresh hand out. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * Where the tokens live. The default keeps them in memory only (a page reload logs out); a
 * storefront may persist them, knowing that whatever script runs on its origin can read them.
 */
export interface TokenStore {
  get(): Tokens | undefined;
  set(tokens: Tokens | undefined): void;
}

export function memoryTokenStore(initial?: Tokens): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}

export interface SessionOptions {
  customersBaseUrl: string;
  fetch: typeof globalThis.fetch;
  store: TokenStore;
  /** The refresh token was refused: the session is over (log in again). */
  onSessionEnded?: () => void;
}

/**
 * Bearer injection and refresh for every request the client sends.
 *
 * A request that carried our access token and comes back 401 `invalid_token` is retried once
 * after a refresh. Refreshes are single-flight: concurrent 401s share one POST /auth/refresh,
 * and a 401 for a token that was already replaced retries with the new one without refreshing
 * again. That matters beyond saving a call: refresh tokens are single-use, and presenting one
 * twice makes customers end the whole session (reuse detection).
 */
export function createSession(options: SessionOptions) {
  // A bare client (no middleware) for the refresh itself, so it can never recurse.
  const auth = createClient<CustomersPaths>({ baseUrl: options.customersBaseUrl, fetch: options.fetch });
  const sent = new Map<string, { retry: Request; accessToken: string }>();
  let refreshing: Promise<string | undefined> | undefined;

  const refresh = async (): Promise<string | undefined> => {
    const tokens = options.store.get();
    if (!tokens) return undefined;
    const { data, response } = await auth.POST('/api/v1/auth/refresh', {
      body: { refresh_token: tokens.refreshToken },
    });
    if (data) {
      options.store.set({ accessToken: data.access_token, refreshToken: data.refresh_token });
      return data.access_token;
    }
    // 401: the refresh token is spent, expired or revoked; the session is over. Anything else
    // (503, a network error) leaves the tokens alone: the next request may well succeed.
    if (response.status === 401) {
      options.store.set(undefined);
      options.onSessionEnded?.();
    }
    return undefined;
  };

  /** The access token to retry with after `stale` was refused, or undefined when there is none. */
  const accessTokenReplacing = (stale: string): Promise<string | undefined> => {
    const current = options.store.get();
    if (!current) return Promise.resolve(undefined);
    if (current.accessToken !== stale) return Promise.resolve(current.accessToken);
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  const middleware: Middleware = {
    onRequest({ request, id }) {
      const tokens = options.store.get();
      if (!tokens || request.headers.has('authorization')) return undefined;
      const authorized = new Request(request, {
        headers: withAuthorization(request.headers, tokens.accessToken),
      });
      sent.set(id, { retry: authorized.clone(), accessToken: tokens.accessToken });
      return authorized;
    },
    async onResponse({ response, id }) {
      const attempt = sent.get(id);
      sent.delete(id);
      if (!attempt || response.status !== 401) return undefined;
      const problem = (await response
        .clone()
        .json()
        .catch(() => undefined)) as { code?: unknown } | undefined;
      if (problem?.code !== 'invalid_token') return undefined;
      const fresh = await accessTokenReplacing(attempt.accessToken);
      if (!fresh) return undefined;
      return options.fetch(
        new Request(attempt.retry, { headers: withAuthorization(attempt.retry.headers, fresh) }),
      );
    },
    onError({ id }) {
      sent.delete(id);
    },
  };

  return { middleware, refresh: () => accessTokenReplacing(options.store.get()?.accessToken ?? '') };
}

function withAuthorization(headers: Headers, accessToken: string): Headers {
  const copy = new Headers(headers);
  copy.set('authorization', `Bearer ${accessToken}`);
  return copy;
}
