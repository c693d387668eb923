import { unwrap, type ImportResult } from '@cartwright/client';
import { useState } from 'preact/hooks';
import { formatMoney } from '../money.js';
import { ErrorNotice } from '../problems.js';
import { useAction, useResource } from '../resource.js';
import { Link, navigate } from '../router.js';
import { useShop } from '../shop.js';

/** The public page a share link opens: no login to look, a login to import. */
export function SharedCartPage({ slug }: { slug: string }) {
  const { client, user, refreshCartCount } = useShop();
  const shared = useResource(
    () => unwrap(client.cart.GET('/api/v1/shared-carts/{slug}', { params: { path: { slug } } })),
    [client, slug],
  );
  const [imported, setImported] = useState<ImportResult | undefined>(undefined);
  const action = useAction();
  const importIt = () =>
    action.run(async () => {
      if (!user) return navigate(`/login?next=${encodeURIComponent(location.pathname)}`);
      setImported(await unwrap(client.cart.POST('/api/v1/cart/items/import', { body: { slug } })));
      refreshCartCount();
    });
  return (
    <>
      <h1>A shared cart</h1>
      {shared.error !== undefined && <ErrorNotice error={shared.error} onRetry={shared.reload} />}
      {shared.data && (
        <>
          <ul class="plain">
            {shared.data.items.map((line) => (
              <li key={line.product_id}>
                {line.quantity} × <Link href={`/products/${line.product_id}`}>{line.name}</Link> —{' '}
                {formatMoney(line.line_total, shared.data!.currency)}
              </li>
            ))}
          </ul>
          <p class="total">
            Total: <strong>{formatMoney(shared.data.total, shared.data.currency)}</strong>
          </p>
          <button type="button" onClick={importIt} disabled={action.busy || shared.data.items.length === 0}>
            Import into my cart
          </button>
        </>
      )}
      {imported && (
        <div class="notice" role="status">
          <p>
            Added to <Link href="/cart">your cart</Link>.
          </p>
          {imported.capped.length > 0 && (
            <p>Some quantities were held back by the per-line limit or the stock.</p>
          )}
          {imported.skipped.length > 0 && <p>Products no longer on sale were skipped.</p>}
        </div>
      )}
      {action.error !== undefined && <ErrorNotice error={action.error} onRetry={importIt} />}
    </>
  );
}
