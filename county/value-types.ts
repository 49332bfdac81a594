/**
 * How database values become JS values, the same for both `Db` implementations, so code above the
 * interface never learns which one it runs on:
 * - `int8` (bigint, count(*)) → number; a value beyond 2^53 throws instead of rounding silently.
 * - `timestamptz` → Date (both drivers' default).
 * - `numeric` → string (both drivers' default; money is integer fen, never numeric or float).
 */
import pg from 'pg';
import { types as pgliteTypes } from '@electric-sql/pglite';

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} does not fit a JS number`);
  return n;
}

/** PGlite `parsers` option. */
export const pgliteParsers = { [pgliteTypes.INT8]: (text: string) => parseInt8(text) };

// Per-pool parsers rather than pg.types.setTypeParser: that one is process-global and would change
// what every other pg user in the process receives.
const INT8_OID: number = pg.types.builtins.INT8;

export const pgTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};
