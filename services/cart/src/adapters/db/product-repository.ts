import type { AppDatabase } from '@cartwright/platform/database';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { ProductRepository } from '../../ports.js';
import { products, type CartSchema } from './schema.js';

/** `%`, `_` and `\` typed by a shopper are literal characters, not LIKE wildcards. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `not archived` as literal SQL, never `archived = $1`: the catalogue's partial index
 * `products_on_sale_by_name` is `where not archived`, and a parameter cannot prove that. A
 * prepared statement with the parameter was planned again on every execution (its generic plan
 * is a sequential scan and a sort of every product), so preparing it saved nothing in PostgreSQL;
 * with the literal, the generic plan walks the index and is reused (docs/performance.md).
 */
const onSale = sql`not ${products.archived}`;

export function createProductRepository(db: AppDatabase<CartSchema>): ProductRepository {
  const findOnSale = db
    .select()
    .from(products)
    .where(and(eq(products.id, sql.placeholder('id')), onSale))
    .prepare('cart_find_product_on_sale');
  // The catalogue's hot reads (first page, next page, no search) are prepared: no query building
  // and no planning per request (docs/performance.md). Searches stay dynamic.
  const firstPage = db
    .select()
    .from(products)
    .where(onSale)
    .orderBy(asc(products.name), asc(products.id))
    .limit(sql.placeholder('limit'))
    .prepare('cart_products_first_page');
  const nextPage = db
    .select()
    .from(products)
    .where(
      and(
        onSale,
        sql`(${products.name}, ${products.id}) > (${sql.placeholder('name')}::text, ${sql.placeholder('id')}::uuid)`,
      ),
    )
    .orderBy(asc(products.name), asc(products.id))
    .limit(sql.placeholder('limit'))
    .prepare('cart_products_next_page');

  return {
    async listOnSale({ search, limit, after }) {
      if (!search) {
        return after
          ? nextPage.execute({ limit, name: after.name, id: after.id })
          : firstPage.execute({ limit });
      }
      const pattern = search ? containsPattern(search) : undefined;
      return db
        .select()
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
      const [row] = await db.insert(products).values(input).returning();
      if (!row) throw new Error('insert into products returned no row');
      return row;
    },

    async update(id, changes) {
      const [row] = await db
        .update(products)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(eq(products.id, id), onSale))
        .returning();
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
