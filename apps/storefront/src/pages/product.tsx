import { unwrap } from '@cartwright/client';
import { useState } from 'preact/hooks';
import { formatMoney } from '../money.js';
import { ErrorNotice } from '../problems.js';
import { useResource } from '../resource.js';
import { Link } from '../router.js';
import { useShop } from '../shop.js';
import { AddToCart } from './catalogue.js';

export function ProductPage({ id }: { id: string }) {
  const { client } = useShop();
  const product = useResource(
    () => unwrap(client.cart.GET('/api/v1/products/{id}', { params: { path: { id } } })),
    [client, id],
  );
  const [quantity, setQuantity] = useState(1);
  if (product.error !== undefined) return <ErrorNotice error={product.error} onRetry={product.reload} />;
  if (!product.data) return <p aria-busy="true">Loading…</p>;
  const p = product.data;
  // A line holds at most 99 and never more than the stock.
  const most = Math.max(1, Math.min(99, p.stock));
  return (
    <>
      <p>
        <Link href="/">← Back to the catalogue</Link>
      </p>
      <h1 id={`product-${p.id}`}>{p.name}</h1>
      <p class="price">{formatMoney(p.price, p.currency)}</p>
      {p.description && <p>{p.description}</p>}
      <p>{p.stock > 0 ? `${p.stock} in stock` : 'Out of stock'}</p>
      <label for="quantity">Quantity</label>{' '}
      <input
        id="quantity"
        type="number"
        min={1}
        max={most}
        value={quantity}
        onInput={(event) => setQuantity(Math.min(most, Math.max(1, Number(event.currentTarget.value) || 1)))}
      />
      <AddToCart product={p} quantity={quantity} />
    </>
  );
}
