import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { SqlRunner } from '../database.js';

/**
 * Compares the migrated database with the drizzle table definitions the repositories query
 * through: tables, columns (type, nullability), primary keys, unique constraints and foreign
 * keys. Returns one readable line per difference; empty means no drift.
 */
export async function checkDrift(
  runner: SqlRunner,
  tables: PgTable[],
  options: { ignoreTables?: string[] } = {},
): Promise<string[]> {
  const ignored = new Set(options.ignoreTables ?? ['schema_migrations']);
  const actual = await readDatabase(runner);
  const problems: string[] = [];

  const declared = new Set<string>();
  for (const table of tables) {
    const config = getTableConfig(table);
    const name = config.name;
    declared.add(name);
    const dbTable = actual.get(name);
    if (!dbTable) {
      problems.push(`table ${name}: declared in the drizzle schema, missing in the database`);
      continue;
    }

    const declaredColumns = new Set<string>();
    for (const column of config.columns) {
      declaredColumns.add(column.name);
      const dbColumn = dbTable.columns.get(column.name);
      if (!dbColumn) {
        problems.push(
          `column ${name}.${column.name}: declared in the drizzle schema, missing in the database`,
        );
        continue;
      }
      const want = normalizeType(column.getSQLType());
      if (want !== normalizeType(dbColumn.type)) {
        problems.push(`column ${name}.${column.name}: database type ${dbColumn.type}, drizzle type ${want}`);
      }
      const wantNotNull = column.notNull || column.primary;
      if (wantNotNull !== dbColumn.notNull) {
        problems.push(
          `column ${name}.${column.name}: database is ${dbColumn.notNull ? 'not null' : 'nullable'}, drizzle says ${wantNotNull ? 'not null' : 'nullable'}`,
        );
      }
    }
    for (const column of dbTable.columns.keys()) {
      if (!declaredColumns.has(column)) {
        problems.push(`column ${name}.${column}: in the database, missing in the drizzle schema`);
      }
    }

    const primary =
      config.primaryKeys[0]?.columns.map((c) => c.name) ??
      config.columns.filter((c) => c.primary).map((c) => c.name);
    if (key(primary) !== key(dbTable.primaryKey)) {
      problems.push(
        `table ${name}: primary key (${dbTable.primaryKey.join(', ')}) in the database, (${primary.join(', ')}) in drizzle`,
      );
    }

    const uniques = [
      ...config.columns.filter((c) => c.isUnique).map((c) => [c.name]),
      ...config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
      ...config.indexes
        .filter((i) => i.config.unique && !i.config.where && i.config.columns.every((c) => 'name' in c))
        .map((i) => i.config.columns.map((c) => (c as { name: string }).name)),
    ];
    compareSets(`table ${name}: unique`, uniques.map(key), dbTable.uniques.map(key), problems);

    const foreignKeys = config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return `(${ref.columns.map((c) => c.name).join(', ')}) -> ${getTableConfig(ref.foreignTable).name}(${ref.foreignColumns.map((c) => c.name).join(', ')}) on delete ${fk.onDelete ?? 'no action'}`;
    });
    compareSets(`table ${name}: foreign key`, foreignKeys, dbTable.foreignKeys, problems);
  }

  for (const name of actual.keys()) {
    if (!declared.has(name) && !ignored.has(name)) {
      problems.push(`table ${name}: in the database, missing in the drizzle schema`);
    }
  }
  return problems;
}

const key = (columns: string[]) => `(${[...columns].sort().join(', ')})`;

function compareSets(label: string, declared: string[], actual: string[], problems: string[]): void {
  for (const item of new Set(declared)) {
    if (!actual.includes(item))
      problems.push(`${label} ${item}: declared in drizzle, missing in the database`);
  }
  for (const item of new Set(actual)) {
    if (!declared.includes(item)) problems.push(`${label} ${item}: in the database, missing in drizzle`);
  }
}

/** Brings drizzle's and format_type()'s spellings of one type to the same text. */
export function normalizeType(type: string): string {
  let t = type
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*\)/g, ')')
    .trim();
  t = t.replace(/^"?public"?\./, '').replace(/"/g, '');
  const aliases: Record<string, string> = {
    serial: 'integer',
    serial4: 'integer',
    int: 'integer',
    int4: 'integer',
    bigserial: 'bigint',
    serial8: 'bigint',
    int8: 'bigint',
    smallserial: 'smallint',
    int2: 'smallint',
    bool: 'boolean',
    float8: 'double precision',
    float4: 'real',
    varchar: 'character varying',
    timestamptz: 'timestamp with time zone',
    timestamp: 'timestamp without time zone',
    time: 'time without time zone',
    timetz: 'time with time zone',
  };
  const array = t.endsWith('[]');
  if (array) t = t.slice(0, -2);
  t = aliases[t] ?? t;
  t = t
    .replace(/^varchar\(/, 'character varying(')
    .replace(/^char\(/, 'character(')
    .replace(/^timestamp(\(\d+\))?$/, 'timestamp$1 without time zone')
    .replace(/^timestamp(\(\d+\))? with(out)? time zone$/, 'timestamp$1 with$2 time zone');
  return array ? `${t}[]` : t;
}

interface DbTable {
  columns: Map<string, { type: string; notNull: boolean }>;
  primaryKey: string[];
  uniques: string[][];
  foreignKeys: string[];
}

async function readDatabase(runner: SqlRunner): Promise<Map<string, DbTable>> {
  const tables = new Map<string, DbTable>();
  const tableOf = (name: string) => {
    let table = tables.get(name);
    if (!table) {
      table = { columns: new Map(), primaryKey: [], uniques: [], foreignKeys: [] };
      tables.set(name, table);
    }
    return table;
  };

  const columns = await runner.query<{ table: string; column: string; type: string; not_null: boolean }>(
    `select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`,
  );
  for (const row of columns)
    tableOf(row.table).columns.set(row.column, { type: row.type, notNull: row.not_null });

  const constraints = await runner.query<{
    table: string;
    kind: string;
    columns: string[] | string;
    foreign_table: string | null;
    foreign_columns: string[] | string | null;
    on_delete: string;
  }>(
    `select c.relname as table, con.contype as kind,
            array(select a.attname from unnest(con.conkey) with ordinality k(num, ord)
                  join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord)::text[] as columns,
            fc.relname as foreign_table,
            array(select a.attname from unnest(con.confkey) with ordinality k(num, ord)
                  join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.ord)::text[] as foreign_columns,
            case con.confdeltype when 'c' then 'cascade' when 'n' then 'set null' when 'd' then 'set default'
                                 when 'r' then 'restrict' else 'no action' end as on_delete
       from pg_constraint con
       join pg_class c on c.oid = con.conrelid
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_class fc on fc.oid = con.confrelid
      where n.nspname = 'public' and con.contype in ('p', 'u', 'f')`,
  );
  for (const row of constraints) {
    const table = tableOf(row.table);
    const cols = pgArray(row.columns);
    if (row.kind === 'p') table.primaryKey = cols;
    if (row.kind === 'u') table.uniques.push(cols);
    if (row.kind === 'f') {
      table.foreignKeys.push(
        `(${cols.join(', ')}) -> ${row.foreign_table}(${pgArray(row.foreign_columns ?? []).join(', ')}) on delete ${row.on_delete}`,
      );
    }
  }

  // Unique indexes that are not backing a constraint (CREATE UNIQUE INDEX on plain columns).
  const uniqueIndexes = await runner.query<{ table: string; columns: string[] | string }>(
    `select t.relname as table,
            array(select a.attname from unnest(x.indkey::int2[]) with ordinality k(num, ord)
                  join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.num order by k.ord)::text[] as columns
       from pg_index x
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and x.indisunique and not x.indisprimary and x.indpred is null and x.indexprs is null
        and not exists (select 1 from pg_constraint con where con.conindid = x.indexrelid)`,
  );
  for (const row of uniqueIndexes) tableOf(row.table).uniques.push(pgArray(row.columns));
  return tables;
}

/** postgres.js parses text[] into arrays; PGlite too, but be tolerant of the '{a,b}' text form. */
function pgArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((v) => v !== '')
    .map((v) => v.replace(/^"|"$/g, ''));
}
