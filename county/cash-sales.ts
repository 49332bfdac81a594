/**
 * The county side of a village shop's money and stock (issue 7): counter sales (`sale.recorded`)
 * and closed cash days (`cash.day_closed`, extended backward compatibly).
 *
 * A sale is stored once in `shop_sales` and its lines become `stock_movements` rows (reason 'sale',
 * ref_id = the sale), so the county's stock ledger for a village is complete from `stock.moved` and
 * `sale.recorded` together. Both handlers run in the push transaction (savepoint per mutation), so a
 * sale is all rows or none.
 */
import type { MutationPayload } from '../sync/protocol';
import { insertOwned, type MutationContext } from './mutation-context';

export async function saleRecorded(ctx: MutationContext, p: MutationPayload<'sale.recorded'>) {
  await insertOwned(ctx, 'shop_sales', p.saleId, {
    total_fen: p.totalFen,
    lines: JSON.stringify(p.lines),
    operator_id: p.operatorId ?? null,
    device_at: ctx.at,
  });
  // One stock row per line, ids derived from the sale's: a resent sale is a duplicate before it gets here.
  await ctx.tx.query(
    `INSERT INTO stock_movements (county_id, id, village_id, device_id, mutation_id, item_id, qty_delta,
       reason, ref_id, item_name, device_at)
     SELECT $1, $2 || '.' || l.n, $3, $4, $5, l.item_id, -l.qty, 'sale', $2, l.name, $6
     FROM unnest($7::text[], $8::text[], $9::int[]) WITH ORDINALITY AS l(item_id, name, qty, n)`,
    [
      ctx.device.countyId,
      p.saleId,
      ctx.device.villageId,
      ctx.device.id,
      ctx.mutationId,
      ctx.at,
      p.lines.map((l) => l.itemId),
      p.lines.map((l) => l.name),
      p.lines.map((l) => l.qty),
    ],
  );
  return { saleId: p.saleId, lines: p.lines.length };
}

export async function cashDayClosed(ctx: MutationContext, p: MutationPayload<'cash.day_closed'>) {
  await insertOwned(ctx, 'cash_days', p.dayId, {
    day: p.date,
    expected_fen: p.expectedFen,
    counted_fen: p.countedFen,
    operator_id: p.operatorId,
    float_fen: p.floatFen ?? null,
    reason: p.reason ?? null,
    totals: p.totals ? JSON.stringify(p.totals) : null,
    device_at: ctx.at,
  });
  return { dayId: p.dayId, differenceFen: p.countedFen - p.expectedFen };
}
