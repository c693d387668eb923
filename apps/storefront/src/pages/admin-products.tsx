import { unwrap, type Product } from '@cartwright/client';
import { useState } from 'preact/hooks';
import { formatMoney } from '../money.js';
import { Pager, useCursorTrail } from '../pager.js';
import { ErrorNotice } from '../problems.js';
import { useAction, useResource } from '../resource.js';
import { useShop } from '../shop.js';

const text = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '').trim();
const whole = (form: HTMLFormElement, name: string) => Math.trunc(Number(text(form, name)));

/** Products for administrators: create, edit (name, description, price, stock), archive. */
export function AdminProductsPage() {
  const { client } = useShop();
  const [search, setSearch] = useState('');
  const trail = useCursorTrail();
  const { cursor } = trail;
  const page = useResource(
    () =>
      unwrap(
        client.cart.GET('/api/v1/products', {
          params: { query: { limit: 20, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) } },
          // Catalogue reads may be cached for a few seconds; an admin must see their own writes at
          // once. `no-cache` revalidates (a cheap 304 when nothing changed) instead of reusing.
          cache: 'no-cache',
        }),
      ),
    [client, search, cursor],
  );
  const create = useAction();
  const [created, setCreated] = useState<string | undefined>(undefined);

  const onCreate = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    create.run(async () => {
      const description = text(form, 'description');
      const product = await unwrap(
        client.cart.POST('/api/v1/products', {
          body: {
            name: text(form, 'name'),
            price: whole(form, 'price'),
            stock: whole(form, 'stock'),
            ...(description ? { description } : {}),
          },
        }),
      );
      form.reset();
      setCreated(product.name);
      page.reload();
    });
  };

  return (
    <>
      <h1>Products</h1>
      <section aria-labelledby="new-product">
        <h2 id="new-product">New product</h2>
        <form class="stacked-form" onSubmit={onCreate}>
          <ProductFields />
          <button type="submit" disabled={create.busy}>
            Create product
          </button>
        </form>
        <p role="status" class="small">
          {created ? `Created ${created}.` : ''}
        </p>
        {create.error !== undefined && <ErrorNotice error={create.error} />}
      </section>
      <section aria-labelledby="all-products">
        <h2 id="all-products">On sale</h2>
        <form
          role="search"
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            trail.reset();
            setSearch(text(event.currentTarget, 'search'));
          }}
        >
          <label for="admin-product-search">Search products</label>
          <input id="admin-product-search" name="search" type="search" />
          <button type="submit">Search</button>
        </form>
        {page.error !== undefined && <ErrorNotice error={page.error} onRetry={page.reload} />}
        <ul class="plain">
          {page.data?.items.map((product) => (
            <li key={product.id}>
              <ProductEditor product={product} onChanged={page.reload} />
            </li>
          ))}
        </ul>
        <Pager label="Product pages" trail={trail} nextCursor={page.data?.next_cursor} />
      </section>
    </>
  );
}

function ProductFields({ product, idPrefix = 'new' }: { product?: Product; idPrefix?: string }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <label for={id('name')}>Name</label>
      <input id={id('name')} name="name" required maxLength={200} defaultValue={product?.name} />
      <label for={id('description')}>Description</label>
      <textarea
        id={id('description')}
        name="description"
        maxLength={2000}
        defaultValue={product?.description}
      />
      <label for={id('price')}>Price in cents</label>
      <input
        id={id('price')}
        name="price"
        type="number"
        min={0}
        step={1}
        required
        defaultValue={product ? String(product.price) : ''}
      />
      <label for={id('stock')}>Stock</label>
      <input
        id={id('stock')}
        name="stock"
        type="number"
        min={0}
        step={1}
        required
        defaultValue={product ? String(product.stock) : '0'}
      />
    </>
  );
}

function ProductEditor({ product, onChanged }: { product: Product; onChanged(): void }) {
  const { client } = useShop();
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const path = { params: { path: { id: product.id } } };
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    action.run(async () => {
      await unwrap(
        client.cart.PATCH('/api/v1/products/{id}', {
          ...path,
          body: {
            name: text(form, 'name'),
            description: text(form, 'description'),
            price: whole(form, 'price'),
            stock: whole(form, 'stock'),
          },
        }),
      );
      setEditing(false);
      onChanged();
    });
  };
  const archive = () =>
    action.run(async () => {
      if (!confirm(`Archive ${product.name}? It leaves the catalogue; past orders keep it.`)) return;
      await unwrap(client.cart.DELETE('/api/v1/products/{id}', path));
      onChanged();
    });
  return (
    <article class="card wide" aria-label={product.name}>
      <h3>{product.name}</h3>
      <p class="small">
        {formatMoney(product.price, product.currency)} · {product.stock} in stock
      </p>
      {editing ? (
        <form class="stacked-form" onSubmit={save}>
          <ProductFields product={product} idPrefix={`edit-${product.id}`} />
          <div class="actions">
            <button type="submit" disabled={action.busy}>
              Save {product.name}
            </button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          <button type="button" onClick={() => setEditing(true)}>
            Edit {product.name}
          </button>
          <button type="button" class="secondary" onClick={archive} disabled={action.busy}>
            Archive {product.name}
          </button>
        </div>
      )}
      {action.error !== undefined && <ErrorNotice error={action.error} />}
    </article>
  );
}
