import createClient from 'openapi-fetch';
import type { components as CartComponents, paths as CartPaths } from './generated/cart.js';
import type { components as CustomersComponents, paths as CustomersPaths } from './generated/customers.js';
import { createSession, memoryTokenStore, type TokenStore, type Tokens } from './session.js';

export type { CartPaths, CustomersPaths, TokenStore, Tokens };
export { memoryTokenStore };

// The named shapes of both documents, for a frontend's own types.
export type User = CustomersComponents['schemas']['User'];
export type UserPage = CustomersComponents['schemas']['UserPage'];
export type TokenPair = CustomersComponents['schemas']['TokenPair'];
export type Product = CartComponents['schemas']['Product'];
export type ProductPage = CartComponents['schemas']['ProductPage'];
export type Cart = CartComponents['schemas']['Cart'];
export type CartLine = CartComponents['schemas']['CartLine'];
export type Order = CartComponents['schemas']['Order'];
export type OrderLine = CartComponents['schemas']['OrderLine'];
export type OrderPage = CartComponents['schemas']['OrderPage'];
export type CartShare = CartComponents['schemas']['CartShare'];
export type SharedCart = CartComponents['schemas']['SharedCart'];
export type ImportResult = CartComponents['schemas']['ImportResult'];
/** RFC 9457 problem details: every 4xx/5xx of both services, switch on `code`. */
export type Problem = CartComponents['schemas']['Problem'];

export interface CartwrightClientOptions {
  /** Base URL of the customers service, e.g. http://127.0.0.1:8081 */
  customersBaseUrl: string;
  /** Base URL of the cart service, e.g. http://127.0.0.1:8082 */
  cartBaseUrl: string;
  /** Defaults to the global fetch (browsers, Node >= 18); inject one for tests or instrumentation. */
  fetch?: typeof globalThis.fetch;
  /** Where the tokens are kept; default: in memory. */
  tokens?: TokenStore;
  /** The refresh token was refused: the user has to log in again. */
  onSessionEnded?: () => void;
}

/**
 * Typed clients for both services (openapi-fetch over the types generated from the committed
 * OpenAPI documents), sharing one session: the access token is sent with every request once
 * logged in and refreshed, once, when it is refused. Each call answers `{ data }` or
 * `{ error }`, where `error` is the operation's documented problem bodies, typed by `code`.
 */
export function createCartwrightClient(options: CartwrightClientOptions) {
  // Looked up per call, not captured, so a test or an app may swap globalThis.fetch later.
  const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const store = options.tokens ?? memoryTokenStore();
  const session = createSession({
    customersBaseUrl: options.customersBaseUrl,
    fetch,
    store,
    ...(options.onSessionEnded ? { onSessionEnded: options.onSessionEnded } : {}),
  });
  const customers = createClient<CustomersPaths>({ baseUrl: options.customersBaseUrl, fetch });
  const cart = createClient<CartPaths>({ baseUrl: options.cartBaseUrl, fetch });
  customers.use(session.middleware);
  cart.use(session.middleware);

  return {
    /** Every customers operation: `client.customers.GET('/api/v1/users/me')`. */
    customers,
    /** Every cart operation: `client.cart.POST('/api/v1/cart/items', { body })`. */
    cart,
    /** The tokens now held (undefined when logged out). */
    tokens: (): Tokens | undefined => store.get(),
    /** Logs in and keeps the token pair; answers the login result as it came. */
    async logIn(email: string, password: string) {
      const result = await customers.POST('/api/v1/auth/login', { body: { email, password } });
      if (result.data) {
        store.set({ accessToken: result.data.access_token, refreshToken: result.data.refresh_token });
      }
      return result;
    },
    /**
     * Ends this session on the server (its refresh token and every access token of it stop
     * working; `everywhere` ends every session of the user) and forgets the tokens, whatever
     * the server answered.
     */
    async logOut(logOutOptions: { everywhere?: boolean } = {}) {
      if (!store.get()) return undefined;
      try {
        return await customers.POST('/api/v1/auth/logout', {
          ...(logOutOptions.everywhere ? { body: { all: true } } : {}),
        });
      } finally {
        store.set(undefined);
      }
    },
    /** Refreshes now (single-flight with the automatic refresh); the new access token or undefined. */
    refresh: session.refresh,
  };
}

export type CartwrightClient = ReturnType<typeof createCartwrightClient>;

/** A problem body of either service (e.g. an `error` from the client), checked at run time. */
export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}

/** Thrown by `unwrap` for a problem answer; `problem` is the typed body. */
export class ProblemError<P extends Problem = Problem> extends Error {
  constructor(
    readonly problem: P,
    readonly response: Response,
  ) {
    super(`${problem.status} ${problem.code}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'ProblemError';
  }
}

/**
 * For code that prefers exceptions: the data of a success, or a `ProblemError` carrying the
 * typed problem. `const cart = await unwrap(client.cart.GET('/api/v1/cart'))`.
 */
export async function unwrap<D, E>(
  call: Promise<{ data?: D; error?: E; response: Response }>,
): Promise<Exclude<D, undefined>> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    if (isProblem(error)) throw new ProblemError(error, response);
    throw new Error(`${response.status} ${response.statusText}`);
  }
  return data as Exclude<D, undefined>;
}
