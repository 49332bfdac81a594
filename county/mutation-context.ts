/**
 * What every mutation handler gets: the transaction, the device the mutation came from (its county
 * and village decide what it may touch), and the mutation's envelope fields that domain rows keep.
 *
 * A handler refuses a mutation by throwing `Rejection`: the push loop rolls the handler's writes
 * back (savepoint), records the mutation as rejected with the reason, and goes on with the batch.
 * Reasons are read by the village operator, so they are Chinese first, then English.
 */
import type { Queryable } from './db';

export interface MutationDevice {
  id: string;
  countyId: string;
  villageId: string;
}

export interface MutationContext {
  tx: Queryable;
  device: MutationDevice;
  mutationId: string;
  /** The device's clock when the mutation was made (display only). */
  at: string;
}

export class Rejection extends Error {
  override name = 'Rejection';
  constructor(
    reason: string,
    /** The device reached for another village's data: also recorded as a security event. */
    readonly forbidden = false,
  ) {
    super(reason);
  }
}

/** The columns every kiosk-created row starts with, and their values for this mutation. */
export const ORIGIN_COLUMNS = ['county_id', 'id', 'village_id', 'device_id', 'mutation_id'] as const;

export function origin(ctx: MutationContext, id: string): unknown[] {
  return [ctx.device.countyId, id, ctx.device.villageId, ctx.device.id, ctx.mutationId];
}

/**
 * Inserts one kiosk-created row. A second mutation reusing an id (another device, or a kiosk bug) is
 * a rejection, not an overwrite: the first record stands.
 */
export async function insertOwned(
  ctx: MutationContext,
  table: string,
  id: string,
  columns: Record<string, unknown>,
): Promise<void> {
  const names = [...ORIGIN_COLUMNS, ...Object.keys(columns)];
  const values = [...origin(ctx, id), ...Object.values(columns)];
  const rows = await ctx.tx.query(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (county_id, id) DO NOTHING RETURNING 1`,
    values,
  );
  if (rows.length === 0) throw new Rejection(`编号 ${id} 已被使用 / id ${id} is already taken`);
}

/**
 * Finds a row of `table` by id in the device's county and checks it belongs to the device's village.
 * Unknown → Rejection; another village's → Rejection marked forbidden.
 */
export async function ownedRow<T extends object>(
  ctx: MutationContext,
  table: string,
  id: string,
  what: string,
  columns: string,
): Promise<T> {
  const [row] = await ctx.tx.query<T & { village_id: string }>(
    `SELECT village_id, ${columns} FROM ${table} WHERE county_id = $1 AND id = $2 FOR UPDATE`,
    [ctx.device.countyId, id],
  );
  if (!row) throw new Rejection(`${what} ${id} 不存在 / unknown ${table.replace(/s$/, '')} ${id}`);
  if (row.village_id !== ctx.device.villageId) {
    throw new Rejection(`${what} ${id} 不属于本村 / ${id} belongs to another village`, true);
  }
  return row;
}
