import { unwrap, type Order } from '@cartwright/client';
import { useState } from 'preact/hooks';
import { formatMoney } from '../money.js';
import { ErrorNotice } from '../problems.js';
import { useAction, useResource } from '../resource.js';
import { Link } from '../router.js';
import { useShop } from '../shop.js';

const statusLabel: Record<Order['status'], string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  cancelled: 'Cancelled',
  expired: 'Expired (not paid in time)',
};

export function OrdersPage() {
  const { client } = useShop();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [earlier, setEarlier] = useState<Order[]>([]);
  const page = useResource(
    () =>
      unwrap(
        client.cart.GET('/api/v1/orders', {
          params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [client, cursor],
  );
  const orders = [...earlier, ...(page.data?.items ?? [])];
  return (
    <>
      <h1>Your orders</h1>
      {page.error !== undefined && <ErrorNotice error={page.error} onRetry={page.reload} />}
      {page.data && orders.length === 0 && <p>No orders yet.</p>}
      {orders.length > 0 && (
        <table class="lines">
          <caption class="visually-hidden">Your orders, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Status</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id}>
                <th scope="row">
                  <Link href={`/orders/${order.id}`}>Order {shortId(order.id)}</Link>
                </th>
                <td>{new Date(order.created_at).toLocaleString('en')}</td>
                <td>{statusLabel[order.status]}</td>
                <td>{formatMoney(order.total, order.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.data?.next_cursor && (
        <button
          type="button"
          onClick={() => {
            setEarlier(orders);
            setCursor(page.data!.next_cursor!);
          }}
        >
          More orders
        </button>
      )}
    </>
  );
}

/** The order, with pay and cancel while it is pending; `placed` thanks the shopper first. */
export function OrderPage({ id, placed }: { id: string; placed: boolean }) {
  const { client } = useShop();
  const order = useResource(
    () => unwrap(client.cart.GET('/api/v1/orders/{id}', { params: { path: { id } } })),
    [client, id],
  );
  const action = useAction();
  if (order.error !== undefined) return <ErrorNotice error={order.error} onRetry={order.reload} />;
  if (!order.data) return <p aria-busy="true">Loading the order…</p>;
  const o = order.data;
  const path = { params: { path: { id: o.id } } };
  const pay = () =>
    action.run(async () => order.set(await unwrap(client.cart.POST('/api/v1/orders/{id}/pay', path))));
  const cancel = () =>
    action.run(async () => order.set(await unwrap(client.cart.POST('/api/v1/orders/{id}/cancel', path))));
  return (
    <>
      {placed && (
        <p class="notice" role="status">
          Thank you: your order is placed.
        </p>
      )}
      <h1>Order {shortId(o.id)}</h1>
      <dl class="facts">
        <dt>Status</dt>
        <dd>{statusLabel[o.status]}</dd>
        <dt>Placed</dt>
        <dd>{new Date(o.created_at).toLocaleString('en')}</dd>
        <dt>Order total</dt>
        <dd>{formatMoney(o.total, o.currency)}</dd>
      </dl>
      <table class="lines">
        <caption class="visually-hidden">Products in this order</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Line total</th>
          </tr>
        </thead>
        <tbody>
          {o.items.map((line) => (
            <tr key={line.product_id}>
              <th scope="row">{line.name}</th>
              <td>{formatMoney(line.unit_price, o.currency)}</td>
              <td>{line.quantity}</td>
              <td>{formatMoney(line.line_total, o.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {o.status === 'pending' && (
        <div class="actions">
          <button type="button" onClick={pay} disabled={action.busy}>
            Pay
          </button>
          <button type="button" class="secondary" onClick={cancel} disabled={action.busy}>
            Cancel order
          </button>
        </div>
      )}
      {action.error !== undefined && <ErrorNotice error={action.error} onRetry={order.reload} />}
      <p>
        <Link href="/orders">All your orders</Link>
      </p>
    </>
  );
}

/** Enough of a UUID to tell orders apart on screen; the full id is in the address. */
const shortId = (id: string) => id.slice(0, 8).toUpperCase();
