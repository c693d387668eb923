import type { ComponentChild } from 'preact';
import { useEffect } from 'preact/hooks';
import { AccountPage } from './pages/account.js';
import { AdminProductsPage } from './pages/admin-products.js';
import { AdminUsersPage } from './pages/admin-users.js';
import { CartPage } from './pages/cart.js';
import { CataloguePage } from './pages/catalogue.js';
import { LoginPage, RegisterPage } from './pages/login.js';
import { OrderPage, OrdersPage } from './pages/orders.js';
import { ProductPage } from './pages/product.js';
import { SharedCartPage } from './pages/shared-cart.js';
import { Link, match, useLocation, type Location } from './router.js';
import { useShop, type Shop } from './shop.js';

export function App() {
  const shop = useShop();
  const where = useLocation();
  const { title, page } = route(where, shop);
  useEffect(() => {
    document.title = `${title} · Cartwright`;
  }, [title]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main">{page}</main>
    </>
  );
}

/** Every page of the app: the path, its title, and who may see it. */
function route({ path, query }: Location, shop: Shop): { title: string; page: ComponentChild } {
  const signedIn = (title: string, page: ComponentChild) =>
    shop.user
      ? { title, page }
      : { title: 'Log in', page: <LoginPage next={path + location.search} ended={false} /> };
  const admin = (title: string, page: ComponentChild) =>
    signedIn(title, shop.user?.is_admin ? page : <p>This page is for administrators.</p>);

  if (path === '/') return { title: 'Catalogue', page: <CataloguePage search={query.get('search') ?? ''} /> };
  if (path === '/login')
    return {
      title: 'Log in',
      page: <LoginPage next={query.get('next')} ended={query.get('ended') === '1'} />,
    };
  if (path === '/register')
    return { title: 'Create an account', page: <RegisterPage next={query.get('next')} /> };
  if (path === '/cart') return signedIn('Cart', <CartPage />);
  if (path === '/orders') return signedIn('Orders', <OrdersPage />);
  if (path === '/account') return signedIn('Account', <AccountPage />);
  if (path === '/admin/products') return admin('Products', <AdminProductsPage />);
  if (path === '/admin/users') return admin('Users', <AdminUsersPage />);
  let params: Record<string, string> | undefined;
  if ((params = match('/products/:id', path)))
    return { title: 'Product', page: <ProductPage id={params.id!} /> };
  if ((params = match('/orders/:id', path)))
    return signedIn('Order', <OrderPage id={params.id!} placed={query.get('placed') === '1'} />);
  if ((params = match('/shared-carts/:slug', path)))
    return { title: 'Shared cart', page: <SharedCartPage slug={params.slug!} /> };
  return {
    title: 'Not found',
    page: (
      <>
        <h1>Page not found</h1>
        <p>
          <Link href="/">Back to the catalogue</Link>
        </p>
      </>
    ),
  };
}

function Header() {
  const { user, cartCount, logOut } = useShop();
  return (
    <header class="site-header">
      <Link href="/" class="brand">
        Cartwright
      </Link>
      <nav aria-label="Main">
        <ul>
          <li>
            <Link href="/">Catalogue</Link>
          </li>
          {user && (
            <>
              <li>
                <Link href="/cart">Cart{cartCount !== undefined ? ` (${cartCount})` : ''}</Link>
              </li>
              <li>
                <Link href="/orders">Orders</Link>
              </li>
              <li>
                <Link href="/account">Account</Link>
              </li>
            </>
          )}
          {user?.is_admin && (
            <>
              <li>
                <Link href="/admin/products">Products</Link>
              </li>
              <li>
                <Link href="/admin/users">Users</Link>
              </li>
            </>
          )}
          <li>
            {user ? (
              <button type="button" class="link-button" onClick={() => void logOut()}>
                Log out
              </button>
            ) : (
              <Link href="/login">Log in</Link>
            )}
          </li>
        </ul>
      </nav>
    </header>
  );
}
