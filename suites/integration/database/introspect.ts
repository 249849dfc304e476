import type pg from 'pg';

/** What the database actually has, read from information_schema and pg_catalog (current schema). */

export interface ActualColumn {
  dataType: string; udtName: string; nullable: boolean; precision: number | null; scale: number | null; maxLength: number | null;
  /** The database fills it when an insert leaves it out (a default, an identity or a generated column). */
  hasDefault: boolean;
  /** False for GENERATED ALWAYS columns: an insert may not name them. */
  writable: boolean;
}
export interface ActualIndex { columns: string[]; unique: boolean; primary: boolean }
export interface ActualSchema {
  tables: Map<string, Map<string, ActualColumn>>;
  indexes: Map<string, ActualIndex[]>;
  foreignKeys: Map<string, { columns: string[]; references: string }[]>;
  enums: Map<string, string[]>;
}

export async function introspect(client: pg.Client): Promise<ActualSchema> {
  const columns = await client.query<{
    table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string;
    numeric_precision: number | null; numeric_scale: number | null; character_maximum_length: number | null;
    has_default: boolean; writable: boolean;
  }>(`SELECT table_name, column_name, data_type, udt_name, is_nullable, numeric_precision, numeric_scale, character_maximum_length,
        (column_default IS NOT NULL OR is_identity = 'YES' OR is_generated = 'ALWAYS') AS has_default,
        (is_generated = 'NEVER' AND COALESCE(identity_generation, '') <> 'ALWAYS') AS writable
      FROM information_schema.columns WHERE table_schema = current_schema()`);
  const tables = new Map<string, Map<string, ActualColumn>>();
  for (const r of columns.rows) {
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
    tables.get(r.table_name)!.set(r.column_name, {
      dataType: r.data_type, udtName: r.udt_name, nullable: r.is_nullable === 'YES',
      precision: r.numeric_precision, scale: r.numeric_scale, maxLength: r.character_maximum_length,
      hasDefault: r.has_default, writable: r.writable,
    });
  }

  const idx = await client.query<{ table: string; primary: boolean; unique: boolean; columns: string[] }>(
    `SELECT t.relname AS "table", i.indisprimary AS "primary", i.indisunique AS "unique",
       array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS columns
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
     WHERE ns.nspname = current_schema()`);
  const indexes = new Map<string, ActualIndex[]>();
  for (const r of idx.rows) {
    if (!indexes.has(r.table)) indexes.set(r.table, []);
    indexes.get(r.table)!.push({ columns: r.columns, unique: r.unique, primary: r.primary });
  }

  const fks = await client.query<{ table: string; references: string; columns: string[] }>(
    `SELECT t.relname AS "table", rt.relname AS "references",
       array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS columns
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class rt ON rt.oid = c.confrelid
     JOIN pg_namespace ns ON ns.oid = t.relnamespace
     WHERE c.contype = 'f' AND ns.nspname = current_schema()`);
  const foreignKeys = new Map<string, { columns: string[]; references: string }[]>();
  for (const r of fks.rows) {
    if (!foreignKeys.has(r.table)) foreignKeys.set(r.table, []);
    foreignKeys.get(r.table)!.push({ columns: r.columns, references: r.references });
  }

  const en = await client.query<{ name: string; label: string }>(
    `SELECT t.typname AS name, e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
     JOIN pg_namespace ns ON ns.oid = t.typnamespace WHERE ns.nspname = current_schema() ORDER BY t.typname, e.enumsortorder`);
  const enums = new Map<string, string[]>();
  for (const r of en.rows) {
    if (!enums.has(r.name)) enums.set(r.name, []);
    enums.get(r.name)!.push(r.label);
  }
  return { tables, indexes, foreignKeys, enums };
}
