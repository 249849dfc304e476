import type { ActualColumn, ActualSchema } from './introspect';
import type { ColumnType, ExpectedEnum, ExpectedTable } from './expected-schema';

/** The schema-drift report: every difference, marked blocking or advisory (†). */

export interface Difference { what: string; advisory: boolean }

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function typeMatches(expected: ColumnType, actual: ActualColumn): boolean {
  switch (expected) {
    case 'any': return true;
    case 'text': return ['text', 'character varying'].includes(actual.dataType) || actual.dataType === 'USER-DEFINED';
    case 'char2': return (actual.dataType === 'character' && actual.maxLength === 2) || actual.dataType === 'text' || actual.dataType === 'character varying';
    case 'money': return actual.dataType === 'numeric' && actual.precision === 36 && actual.scale === 9;
    case 'bigint': return actual.dataType === 'bigint';
    case 'int': return actual.dataType === 'integer' || actual.dataType === 'bigint';
    case 'boolean': return actual.dataType === 'boolean';
    case 'jsonb': return actual.dataType === 'jsonb';
    case 'timestamptz': return actual.dataType === 'timestamp with time zone';
    default: return actual.dataType === 'USER-DEFINED' && actual.udtName === expected.slice('enum:'.length);
  }
}

const describe = (a: ActualColumn) => (a.dataType === 'numeric' ? `numeric(${a.precision},${a.scale})` : a.dataType === 'USER-DEFINED' ? a.udtName : a.dataType);

export function compareTables(expected: ExpectedTable[], actual: ActualSchema): Difference[] {
  const out: Difference[] = [];
  for (const table of expected) {
    const cols = actual.tables.get(table.name);
    if (!cols) { out.push({ what: `table "${table.name}" is missing`, advisory: !!table.advisory }); continue; }
    for (const col of table.columns) {
      const advisory = !!table.advisory || !!col.advisory;
      const found = cols.get(col.name);
      if (!found) { out.push({ what: `column "${table.name}"."${col.name}" is missing`, advisory }); continue; }
      if (!typeMatches(col.type, found)) {
        out.push({ what: `column "${table.name}"."${col.name}" is ${describe(found)}, expected ${col.type}`, advisory: advisory || !!col.typeAdvisory });
      }
      if (col.nullable && !found.nullable) out.push({ what: `column "${table.name}"."${col.name}" is NOT NULL, the contract allows null`, advisory });
    }
    const idx = actual.indexes.get(table.name) ?? [];
    const pk = idx.find((i) => i.primary);
    if (!pk || !sameSet(pk.columns, table.primaryKey)) {
      out.push({ what: `"${table.name}" primary key is (${pk?.columns.join(', ') ?? 'none'}), expected (${table.primaryKey.join(', ')})`, advisory: !!table.advisory });
    }
    for (const key of table.unique ?? []) {
      if (!idx.some((i) => i.unique && sameSet(i.columns, key))) out.push({ what: `"${table.name}" has no unique key on (${key.join(', ')})`, advisory: !!table.advisory });
    }
    for (const key of table.indexes ?? []) {
      if (!idx.some((i) => sameSet(i.columns.slice(0, key.length), key))) out.push({ what: `"${table.name}" has no index on (${key.join(', ')})`, advisory: !!table.advisory });
    }
    for (const fk of table.foreignKeys ?? []) {
      const fks = actual.foreignKeys.get(table.name) ?? [];
      if (!fks.some((f) => f.references === fk.references && sameSet(f.columns, fk.columns))) {
        out.push({ what: `"${table.name}" has no foreign key (${fk.columns.join(', ')}) → "${fk.references}"`, advisory: !!table.advisory });
      }
    }
  }
  return out;
}

export function compareEnums(expected: ExpectedEnum[], actual: ActualSchema): Difference[] {
  const out: Difference[] = [];
  for (const e of expected) {
    const values = actual.enums.get(e.name);
    if (!values) { out.push({ what: `enum type "${e.name}" is missing`, advisory: !!e.advisory }); continue; }
    for (const value of e.values) {
      if (!values.includes(value)) out.push({ what: `enum "${e.name}" lacks value ${value}`, advisory: !!e.advisory || !!e.advisoryValues?.includes(value) });
    }
  }
  return out;
}
