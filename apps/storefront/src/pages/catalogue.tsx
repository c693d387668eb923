import { unwrap, type Product } from '@cartwright/client';
import { useState } from 'preact/hooks';
import { formatMoney } from '../money.js';
import { Pager, useCursorTrail } from '../pager.js';
import { ErrorNotice } from '../problems.js';
import { useAction, useResource } from '../resource.js';
import { Link, navigate } from '../router.js';
import { useShop } from '../shop.js';

const pageSize = 12;

/** Search and keyset pages (`useCursorTrail`). */
export function CataloguePage({ search }: { search: string }) {
  const { client } = useShop();
  const trail = useCursorTrail();
  const { cursor } = trail;
  const page = useResource(
    () =>
      unwrap(
        client.cart.GET('/api/v1/products', {
          params: {
            query: { limit: pageSize, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) },
          },
        }),
      ),
    [client, search, cursor],
  );

  const onSearch = (event: SubmitEvent) => {
    event.preventDefault();
    const term = String(new FormData(event.currentTarget as HTMLFormElement).get('search') ?? '').trim();
    trail.reset();
    navigate(term ? `/?search=${encodeURIComponent(term)}` : '/');
  };

  return (
    <>
      <h1>Catalogue</h1>
      <form role="search" class="inline-form" onSubmit={onSearch}>
        <label for="search">Search products</label>
        <input id="search" name="search" type="search" defaultValue={search} />
        <button type="submit">Search</button>
      </form>
      {page.error !== undefined && <ErrorNotice error={page.error} onRetry={page.reload} />}
      {page.data && page.data.items.length === 0 && <p>No products match{search ? ` “${search}”` : ''}.</p>}
      {page.data && (
        <ul class="products" aria-busy={page.loading}>
          {page.data.items.map((product) => (
            <li key={product.id}>
              <ProductCard product={product} />
            </li>
          ))}
        </ul>
      )}
      <Pager label="Catalogue pages" trail={trail} nextCursor={page.data?.next_cursor} />
    </>
  );
}

function ProductCard({ product }: { product: Product }) {
  return (
    <article class="card" aria-labelledby={`product-${product.id}`}>
      <h2 id={`product-${product.id}`}>
        <Link href={`/products/${product.id}`}>{product.name}</Link>
      </h2>
      <p class="price">{formatMoney(product.price, product.currency)}</p>
      <p class="small">{product.stock > 0 ? `${product.stock} in stock` : 'Out of stock'}</p>
      <AddToCart product={product} />
    </article>
  );
}

/** "Add to cart", or a way to log in first; says what happened in a polite live region. */
export function AddToCart({ product, quantity = 1 }: { product: Product; quantity?: number }) {
  const { client, user, refreshCartCount } = useShop();
  const action = useAction();
  const [added, setAdded] = useState(false);
  const add = () =>
    action.run(async () => {
      setAdded(false);
      if (!user) return navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      await unwrap(client.cart.POST('/api/v1/cart/items', { body: { product_id: product.id, quantity } }));
      setAdded(true);
      refreshCartCount();
    });
  return (
    <div class="add-to-cart">
      <button
        type="button"
        onClick={add}
        disabled={action.busy || product.stock === 0}
        aria-describedby={`product-${product.id}`}
      >
        Add to cart
      </button>
      <p role="status" class="small">
        {added ? `Added ${product.name} to your cart.` : ''}
      </p>
      {action.error !== undefined && <ErrorNotice error={action.error} onRetry={add} />}
    </div>
  );
}
