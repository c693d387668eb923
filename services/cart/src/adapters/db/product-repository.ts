import type { AppDatabase } from '@cartwright/platform/database';
import { and, asc, eq, or, sql, type AnyColumn } from 'drizzle-orm';
import type { ProductRepository } from '../../ports.js';
import { products, type CartSchema } from './schema.js';

/**
 * The instant as `Date#toISOString` writes it (`2026-11-22T02:36:48.123Z`: UTC, milliseconds
 * truncated like a JS Date does), formatted by PostgreSQL in place of its own timestamptz output.
 * Parsing the driver's text into a Date and formatting it again cost ~0.8 µs per timestamp,
 * 42 per catalogue page: a tenth of the page's CPU in cart (docs/performance.md).
 */
const isoInstant = (column: AnyColumn, alias: string) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(alias);

/**
 * Every product read selects these: the domain `Product`, timestamps already as ISO-8601 text.
 * Each result column is named like its `Product` field, so a row as the driver parsed it is
 * already a `Product` (see `asDriverParsed`).
 */
const productFields = {
  id: products.id,
  name: products.name,
  description: products.description,
  price: products.price,
  stock: products.stock,
  archived: products.archived,
  createdAt: isoInstant(products.createdAt, 'createdAt'),
  updatedAt: isoInstant(products.updatedAt, 'updatedAt'),
};

/**
 * `not archived` as literal SQL, never `archived = $1`: the catalogue's partial index
 * `products_on_sale_by_name` is `where not archived`, and a parameter cannot prove that. A
 * prepared statement with the parameter was planned again on every execution (its generic plan
 * is a sequential scan and a sort of every product), so preparing it saved nothing in PostgreSQL;
 * with the literal, the generic plan walks the index and is reused (docs/performance.md).
 */
const onSale = sql`not ${products.archived}`;

interface PreparedSelect<Row> {
  execute(values?: Record<string, unknown>): Promise<Row[]>;
}

/**
 * Runs a prepared select through `all()`, which both drizzle drivers (postgres-js, PGlite) give
 * their prepared queries: the rows come back as the driver parsed them, without drizzle's
 * per-field mapping (~1.5 µs per catalogue row, a tenth of the page's CPU in cart,
 * docs/performance.md). Only for `productFields`, whose columns need no decoding (text, uuid,
 * integer, boolean) and carry their `Product` names. The products tests run this on both drivers.
 */
function asDriverParsed<Row>(
  query: PreparedSelect<Row>,
): (values: Record<string, unknown>) => Promise<Row[]> {
  const { all } = query as PreparedSelect<Row> & {
    all?: (values?: Record<string, unknown>) => Promise<Row[]>;
  };
  if (typeof all !== 'function') throw new Error('this drizzle version has no all() on prepared queries');
  return (values) => all.call(query, values);
}

/** `%`, `_` and `\` typed by a shopper are literal characters, not LIKE wildcards. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createProductRepository(db: AppDatabase<CartSchema>): ProductRepository {
  const findOnSale = db
    .select(productFields)
    .from(products)
    .where(and(eq(products.id, sql.placeholder('id')), onSale))
    .prepare('cart_find_product_on_sale');
  // The catalogue's hot reads (first page, next page, no search) are prepared: no query building
  // and no planning per request (docs/performance.md). Searches stay dynamic.
  const firstPage = asDriverParsed(
    db
      .select(productFields)
      .from(products)
      .where(onSale)
      .orderBy(asc(products.name), asc(products.id))
      .limit(sql.placeholder('limit'))
      .prepare('cart_products_first_page'),
  );
  const nextPage = asDriverParsed(
    db
      .select(productFields)
      .from(products)
      .where(
        and(
          onSale,
          sql`(${products.name}, ${products.id}) > (${sql.placeholder('name')}::text, ${sql.placeholder('id')}::uuid)`,
        ),
      )
      .orderBy(asc(products.name), asc(products.id))
      .limit(sql.placeholder('limit'))
      .prepare('cart_products_next_page'),
  );

  return {
    async listOnSale({ search, limit, after }) {
      if (!search) {
        return after ? nextPage({ limit, name: after.name, id: after.id }) : firstPage({ limit });
      }
      const pattern = search ? containsPattern(search) : undefined;
      return db
        .select(productFields)
        .from(products)
        .where(
          and(
            onSale,
            pattern
              ? or(
                  sql`${products.name} ilike ${pattern} escape '\\'`,
                  sql`${products.description} ilike ${pattern} escape '\\'`,
                )
              : undefined,
            // Row comparison matches the (name, id) index order: the keyset "after" condition.
            after ? sql`(${products.name}, ${products.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
          ),
        )
        .orderBy(asc(products.name), asc(products.id))
        .limit(limit);
    },

    async findOnSale(id) {
      const [row] = await findOnSale.execute({ id });
      return row;
    },

    async create(input) {
      const [row] = await db.insert(products).values(input).returning(productFields);
      if (!row) throw new Error('insert into products returned no row');
      return row;
    },

    async update(id, changes) {
      const [row] = await db
        .update(products)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(eq(products.id, id), onSale))
        .returning(productFields);
      return row;
    },

    async archive(id) {
      // The UPDATE takes the product's row lock, so it waits for adds holding it FOR SHARE and
      // every add starting later sees archived = true (see cart-repository addItem).
      const rows = await db
        .update(products)
        .set({ archived: true, updatedAt: sql`now()` })
        .where(and(eq(products.id, id), onSale))
        .returning({ id: products.id });
      return rows.length > 0;
    },
  };
}
