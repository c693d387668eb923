import { unwrap, type Cart, type CartLine, type CartShare } from '@cartwright/client';
import { useState } from 'preact/hooks';
import { formatMoney } from '../money.js';
import { ErrorNotice } from '../problems.js';
import { useAction, useResource } from '../resource.js';
import { Link, navigate } from '../router.js';
import { useShop } from '../shop.js';

/** The service's rule for one line: at most 99 units, and never more than the stock. */
const maxPerLine = 99;

export function CartPage() {
  const { client, refreshCartCount } = useShop();
  // The cart answers names and prices; the stock shown beside each line is the product's.
  const cart = useResource(async () => {
    const current = await unwrap(client.cart.GET('/api/v1/cart'));
    return { cart: current, stock: await stockOf(current) };
  }, [client]);
  const stockOf = async (current: Cart) => {
    const answers = await Promise.all(
      current.items.map((line) =>
        client.cart.GET('/api/v1/products/{id}', { params: { path: { id: line.product_id } } }),
      ),
    );
    return new Map(current.items.map((line, index) => [line.product_id, answers[index]?.data?.stock]));
  };
  const show = async (next: Cart) => {
    cart.set({ cart: next, stock: await stockOf(next) });
    refreshCartCount();
  };
  const action = useAction();

  if (cart.error !== undefined) {
    return (
      <>
        <h1>Your cart</h1>
        <ErrorNotice error={cart.error} onRetry={cart.reload} />
      </>
    );
  }
  if (!cart.data) return <p aria-busy="true">Loading your cart…</p>;
  const { cart: current, stock } = cart.data;

  const checkout = () =>
    action.run(async () => {
      // One key per press: a retry after a lost answer gets the same order, never a second one.
      const order = await unwrap(
        client.cart.POST('/api/v1/orders', {
          params: { header: { 'idempotency-key': crypto.randomUUID() } },
        }),
      );
      refreshCartCount();
      navigate(`/orders/${order.id}?placed=1`);
    });
  const clear = () => action.run(async () => show(await unwrap(client.cart.DELETE('/api/v1/cart/items'))));

  return (
    <>
      <h1>Your cart</h1>
      {current.items.length === 0 ? (
        <p>
          Your cart is empty. <Link href="/">Browse the catalogue</Link>.
        </p>
      ) : (
        <>
          <table class="lines">
            <caption class="visually-hidden">Products in your cart</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Price</th>
                <th scope="col">Quantity</th>
                <th scope="col">Line total</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {current.items.map((line) => (
                <LineRow
                  key={line.product_id}
                  line={line}
                  currency={current.currency}
                  stock={stock.get(line.product_id)}
                  onChanged={show}
                />
              ))}
            </tbody>
          </table>
          <p class="total">
            Total ({current.item_count} items):{' '}
            <strong>{formatMoney(current.total, current.currency)}</strong>
          </p>
        </>
      )}
      <div class="actions">
        <button type="button" onClick={checkout} disabled={action.busy || current.items.length === 0}>
          Checkout
        </button>
        <button
          type="button"
          class="secondary"
          onClick={clear}
          disabled={action.busy || current.items.length === 0}
        >
          Clear cart
        </button>
      </div>
      {action.error !== undefined && <ErrorNotice error={action.error} onRetry={cart.reload} />}
      <ShareCart />
    </>
  );
}

function LineRow(props: {
  line: CartLine;
  currency: string;
  stock: number | undefined;
  onChanged(cart: Cart): Promise<void>;
}) {
  const { line, currency, stock, onChanged } = props;
  const { client } = useShop();
  const action = useAction();
  const most = Math.min(maxPerLine, stock ?? maxPerLine);
  const path = { params: { path: { product_id: line.product_id } } };
  const setQuantity = (quantity: number) =>
    action.run(async () => {
      await onChanged(
        await unwrap(client.cart.PATCH('/api/v1/cart/items/{product_id}', { ...path, body: { quantity } })),
      );
    });
  const remove = () =>
    action.run(async () =>
      onChanged(await unwrap(client.cart.DELETE('/api/v1/cart/items/{product_id}', path))),
    );
  const inputId = `quantity-${line.product_id}`;
  return (
    <tr>
      <th scope="row">
        <Link href={`/products/${line.product_id}`}>{line.name}</Link>
        {!line.available && <p class="small warning">No longer on sale: remove it to check out.</p>}
      </th>
      <td>{formatMoney(line.unit_price, currency)}</td>
      <td>
        <label for={inputId} class="visually-hidden">
          Quantity of {line.name}
        </label>
        <input
          id={inputId}
          type="number"
          min={1}
          max={most}
          value={line.quantity}
          disabled={action.busy}
          aria-describedby={`${inputId}-cap`}
          onChange={(event) => {
            const quantity = Math.trunc(Number(event.currentTarget.value));
            if (quantity >= 1 && quantity !== line.quantity) void setQuantity(quantity);
          }}
        />
        <p id={`${inputId}-cap`} class="small">
          {stock === undefined ? `Up to ${maxPerLine}` : `${stock} in stock, up to ${most}`}
        </p>
        {action.error !== undefined && <ErrorNotice error={action.error} />}
      </td>
      <td>{formatMoney(line.line_total, currency)}</td>
      <td>
        <button
          type="button"
          class="secondary"
          onClick={remove}
          disabled={action.busy}
          aria-label={`Remove ${line.name}`}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

/** One link per cart: sharing again answers the same link until it is revoked. */
function ShareCart() {
  const { client } = useShop();
  const [share, setShare] = useState<CartShare | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const action = useAction();
  const create = () => action.run(async () => setShare(await unwrap(client.cart.POST('/api/v1/cart/share'))));
  const revoke = () =>
    action.run(async () => {
      await unwrap(client.cart.DELETE('/api/v1/cart/share'));
      setShare(undefined);
      setCopied(false);
    });
  const copy = () =>
    action.run(async () => {
      await navigator.clipboard.writeText(share!.url);
      setCopied(true);
    });
  return (
    <section aria-labelledby="share-heading" class="share">
      <h2 id="share-heading">Share this cart</h2>
      <p class="small">Anyone with the link sees what is in your cart now, and can add it to theirs.</p>
      {!share ? (
        <button type="button" onClick={create} disabled={action.busy}>
          Share cart
        </button>
      ) : (
        <>
          <label for="share-link">Share link</label>
          <input
            id="share-link"
            readOnly
            value={share.url}
            onFocus={(event) => event.currentTarget.select()}
          />
          <div class="actions">
            <button type="button" onClick={copy} disabled={action.busy}>
              Copy link
            </button>
            <button type="button" class="secondary" onClick={revoke} disabled={action.busy}>
              Revoke link
            </button>
          </div>
          <p role="status" class="small">
            {copied ? 'Link copied.' : ''}
          </p>
        </>
      )}
      {action.error !== undefined && <ErrorNotice error={action.error} />}
    </section>
  );
}
