import type { SqlRunner } from '../database.js';

/**
 * A database schema as a sorted list of one-line facts ("column users.email text not null").
 * Two snapshots compare as sets, so a difference reads as the lines only one side has.
 * Built from catalog queries rather than pg_dump because PGlite has no pg_dump.
 */
export type SchemaSnapshot = string[];

const userSchemas = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'`;

const queries: { label: string; sql: string }[] = [
  {
    label: 'schema',
    sql: `select 'schema ' || n.nspname as fact from pg_namespace n where ${userSchemas} and n.nspname <> 'public'`,
  },
  {
    label: 'relation',
    sql: `select (case c.relkind when 'r' then 'table ' when 'v' then 'view ' when 'm' then 'materialized view '
                   when 'p' then 'partitioned table ' when 'f' then 'foreign table ' end)
                 || n.nspname || '.' || c.relname
                 || case when c.relkind in ('v', 'm') then ' ' || md5(pg_get_viewdef(c.oid)) else '' end as fact
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'v', 'm', 'p', 'f') and ${userSchemas}`,
  },
  {
    label: 'column',
    sql: `select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '
                 || format_type(a.atttypid, a.atttypmod)
                 || case when a.attnotnull then ' not null' else ' null' end
                 || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                 || case a.attidentity when 'a' then ' identity always' when 'd' then ' identity by default' else '' end
                 || case a.attgenerated when 's' then ' generated stored' else '' end
                 || coalesce(' collate ' || co.collname, '') as fact
          from pg_attribute a
          join pg_class c on c.oid = a.attrelid
          join pg_namespace n on n.oid = c.relnamespace
          left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          left join pg_collation co on co.oid = a.attcollation and a.attcollation <> (select oid from pg_collation where collname = 'default' limit 1)
          where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'v', 'm', 'p', 'f') and ${userSchemas}`,
  },
  {
    label: 'constraint',
    sql: `select 'constraint ' || n.nspname || '.' || c.relname || '.' || con.conname || ' '
                 || pg_get_constraintdef(con.oid) as fact
          from pg_constraint con
          join pg_class c on c.oid = con.conrelid
          join pg_namespace n on n.oid = c.relnamespace
          where ${userSchemas}`,
  },
  {
    label: 'index',
    sql: `select 'index ' || n.nspname || '.' || t.relname || '.' || i.relname || ' ' || pg_get_indexdef(i.oid) as fact
          from pg_index x
          join pg_class i on i.oid = x.indexrelid
          join pg_class t on t.oid = x.indrelid
          join pg_namespace n on n.oid = i.relnamespace
          where ${userSchemas}`,
  },
  {
    label: 'type',
    sql: `select 'type ' || n.nspname || '.' || t.typname || ' '
                 || case t.typtype
                      when 'e' then 'enum (' || (select string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) || ')'
                      when 'd' then 'domain over ' || format_type(t.typbasetype, t.typtypmod) || case when t.typnotnull then ' not null' else '' end
                      when 'c' then 'composite'
                      when 'r' then 'range'
                      else t.typtype::text end as fact
          from pg_type t
          join pg_namespace n on n.oid = t.typnamespace
          where ${userSchemas}
            and t.typtype in ('e', 'd', 'c', 'r')
            and (t.typrelid = 0 or (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c')`,
  },
  {
    label: 'sequence',
    sql: `select 'sequence ' || n.nspname || '.' || c.relname || ' ' || format_type(s.seqtypid, null)
                 || ' start ' || s.seqstart || ' increment ' || s.seqincrement
                 || ' min ' || s.seqmin || ' max ' || s.seqmax || case when s.seqcycle then ' cycle' else '' end
                 || coalesce(' owned by ' || (select oc.relname || '.' || oa.attname from pg_depend dep
                      join pg_class oc on oc.oid = dep.refobjid
                      join pg_attribute oa on oa.attrelid = dep.refobjid and oa.attnum = dep.refobjsubid
                      where dep.objid = c.oid and dep.classid = 'pg_class'::regclass and dep.deptype in ('a', 'i') limit 1), '') as fact
          from pg_sequence s
          join pg_class c on c.oid = s.seqrelid
          join pg_namespace n on n.oid = c.relnamespace
          where ${userSchemas}`,
  },
  {
    label: 'function',
    sql: `select 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') returns '
                 || pg_get_function_result(p.oid) || ' body ' || md5(coalesce(p.prosrc, '')) as fact
          from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace
          where ${userSchemas}
            and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`,
  },
  {
    label: 'trigger',
    sql: `select 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname || ' ' || pg_get_triggerdef(t.oid) as fact
          from pg_trigger t
          join pg_class c on c.oid = t.tgrelid
          join pg_namespace n on n.oid = c.relnamespace
          where not t.tgisinternal and ${userSchemas}`,
  },
  {
    label: 'extension',
    sql: `select 'extension ' || e.extname as fact from pg_extension e where e.extname <> 'plpgsql'`,
  },
];

export async function snapshotSchema(
  runner: SqlRunner,
  options: { ignoreTables?: string[] } = {},
): Promise<SchemaSnapshot> {
  const ignored = options.ignoreTables ?? ['schema_migrations'];
  const facts: string[] = [];
  for (const { sql } of queries) {
    const rows = await runner.query<{ fact: string | null }>(sql);
    for (const { fact } of rows) if (fact !== null) facts.push(fact);
  }
  // Facts read "<kind> <schema>.<table>[.<part>] …": drop those about an ignored table.
  const subject = (fact: string) =>
    fact.split(' ')[
      fact.startsWith('materialized') || fact.startsWith('partitioned') || fact.startsWith('foreign') ? 2 : 1
    ] ?? '';
  return facts
    .filter(
      (fact) =>
        !ignored.some(
          (table) => subject(fact) === `public.${table}` || subject(fact).startsWith(`public.${table}.`),
        ),
    )
    .sort();
}

export interface SchemaDiff {
  /** Facts the actual schema has and the expected one lacks. */
  extra: string[];
  /** Facts the expected schema has and the actual one lacks. */
  missing: string[];
}

export function diffSchemas(expected: SchemaSnapshot, actual: SchemaSnapshot): SchemaDiff {
  const want = new Set(expected);
  const have = new Set(actual);
  return {
    extra: actual.filter((fact) => !want.has(fact)),
    missing: expected.filter((fact) => !have.has(fact)),
  };
}

export function formatSchemaDiff(diff: SchemaDiff): string {
  return [...diff.missing.map((f) => `- ${f}`), ...diff.extra.map((f) => `+ ${f}`)].join('\n');
}
