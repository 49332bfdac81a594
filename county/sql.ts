/**
 * Small SQL helpers shared by the county's modules. Identifiers passed here come from our own code,
 * never from a request: they are checked against a plain-identifier pattern anyway, because a wrong
 * one would otherwise become an injection the day someone passes a user value.
 */
import type { Queryable } from './db';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
}

/**
 * Multi-row `INSERT … VALUES (…), (…)` in batches: one round trip per `batchRows` rows instead of one
 * per row, which is what lets the seed load thousands of items on PGlite in well under a second.
 * PostgreSQL allows 65,535 parameters per statement, so batches are capped below that.
 */
export async function insertRows(
  tx: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  batchRows = 500,
): Promise<number> {
  if (columns.length === 0) throw new Error('insertRows needs at least one column');
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(65_535 / columns.length)));
  const head = `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES `;
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      if (row.length !== columns.length) {
        throw new Error(`row for ${table} has ${row.length} values, expected ${columns.length}`);
      }
      const slots = row.map((value) => `$${params.push(value)}`);
      return `(${slots.join(', ')})`;
    });
    await tx.query(head + tuples.join(', '), params);
  }
  return rows.length;
}
