import {
  createCartwrightClient,
  memoryTokenStore,
  unwrap,
  type CartwrightClient,
  type User,
} from '@cartwright/client';
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { StorefrontConfig } from './config.js';
import { navigate } from './router.js';

/**
 * What every page shares: the client, who is logged in, the cart's item count for the header.
 * One context and a few hooks: the data of each page stays in that page.
 */
export interface Shop {
  client: CartwrightClient;
  user: User | undefined;
  setUser(user: User): void;
  cartCount: number | undefined;
  refreshCartCount(): void;
  /** The tokens are gone or refused: forget them and the user, and ask to log in again. */
  endSession(): void;
  logOut(options?: { everywhere?: boolean }): Promise<void>;
}

const ShopContext = createContext<Shop | undefined>(undefined);

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error('useShop() outside <ShopProvider>');
  return shop;
}

export function ShopProvider({
  config,
  children,
}: {
  config: StorefrontConfig;
  children: ComponentChildren;
}) {
  const [user, setUser] = useState<User | undefined>(undefined);
  const [cartCount, setCartCount] = useState<number | undefined>(undefined);
  // Tokens live in memory only: a reload logs out, and no script on the page can read them from
  // storage. The store is ours so that a refused session can be dropped without a server call.
  const [tokens] = useState(() => memoryTokenStore());

  const endSession = useCallback(() => {
    tokens.set(undefined);
    setUser(undefined);
    setCartCount(undefined);
    const next = location.pathname + location.search;
    if (location.pathname !== '/login') navigate(`/login?ended=1&next=${encodeURIComponent(next)}`);
  }, [tokens]);

  const [client] = useState(() =>
    createCartwrightClient({
      customersBaseUrl: config.customersUrl,
      cartBaseUrl: config.cartUrl,
      tokens,
      // The client refreshed once and the refresh token was refused.
      onSessionEnded: () => endSession(),
    }),
  );

  const refreshCartCount = useCallback(() => {
    if (!tokens.get()) return setCartCount(undefined);
    unwrap(client.cart.GET('/api/v1/cart')).then(
      (cart) => setCartCount(cart.item_count),
      // The header count is a nicety: the cart page itself says what went wrong.
      () => setCartCount(undefined),
    );
  }, [client, tokens]);

  useEffect(() => {
    if (user) refreshCartCount();
  }, [user, refreshCartCount]);

  const logOut = useCallback(
    async (options: { everywhere?: boolean } = {}) => {
      // The client forgets the tokens whatever the server answers: leaving must always work.
      await client.logOut(options).catch(() => undefined);
      setUser(undefined);
      setCartCount(undefined);
      navigate('/');
    },
    [client],
  );

  const shop = useMemo<Shop>(
    () => ({ client, user, setUser, cartCount, refreshCartCount, endSession, logOut }),
    [client, user, cartCount, refreshCartCount, endSession, logOut],
  );
  return <ShopContext.Provider value={shop}>{children}</ShopContext.Provider>;
}
