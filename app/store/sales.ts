/**
 * Counter sales from the point's own shelves (scan → cart → cash → receipt), issue 7.
 *
 * One sale is ONE transaction: the sale row and its `sale.recorded` outbox entry, a stock movement
 * per line (qty off the shelf), the cash movement 'sale' (money into the drawer), and — for a line
 * sold beyond the recorded stock, which the operator had to confirm — a 'count' correction booked
 * first with its own `stock.moved`, so the shelf reaches zero, never below, and the county sees the
 * discrepancy as such. A crash keeps all of it or none.
 */
import { ulid } from 'ulid';
import { mutationSchemas, type MutationPayload } from '../../sync/protocol';
import { addCashMovement, cashTables, localDay } from './cash';
import type { KioskDb } from './db';
import { recordAction } from './outbox';
import { orderTotalFen } from './orders';
import { bookMovement, StockRefusal, stockTables, type Deps, type StockItemRow } from './stock';
import type { SaleLineRow, SaleRow } from './stock-rows';

export type { SaleLineRow, SaleRow } from './stock-rows';

export const MAX_SALE_LINES = 100;

export interface SaleInput {
  lines: readonly SaleLineRow[];
  /** Cash handed over, integer fen; at least the total. */
  paidFen: number;
  /**
   * Lines the operator confirmed selling beyond the recorded stock (item ids). Without it such a
   * sale is refused with SHORT, naming the lines, so the screen can ask.
   */
  confirmShort?: readonly string[];
  operatorId?: string;
}

export type SaleError =
  | { code: 'SHORT'; lines: { itemId: string; name: string; have: number; want: number }[] }
  | { code: 'UNDERPAID'; totalFen: number; paidFen: number }
  | { code: 'INVALID'; message: string }
  | { code: 'UNKNOWN_ITEM'; itemId: string }
  /** Quota exceeded, a closed database: nothing was written (the transaction aborted as a whole). */
  | { code: 'STORAGE'; message: string };

export type SaleResult = { ok: true; sale: SaleRow } | { ok: false; error: SaleError };

/** Lines whose quantity is more than the shelf holds (after merging repeated items). */
export function shortLines(
  lines: readonly SaleLineRow[],
  shelf: ReadonlyMap<string, Pick<StockItemRow, 'qty'>>,
): { itemId: string; name: string; have: number; want: number }[] {
  const want = new Map<string, { name: string; qty: number }>();
  for (const l of lines) {
    const w = want.get(l.itemId);
    want.set(l.itemId, { name: l.name, qty: (w?.qty ?? 0) + l.qty });
  }
  return [...want]
    .map(([itemId, w]) => ({ itemId, name: w.name, have: shelf.get(itemId)?.qty ?? 0, want: w.qty }))
    .filter((l) => l.want > l.have);
}

export async function recordSale(db: KioskDb, input: SaleInput, deps: Deps = {}): Promise<SaleResult> {
  const newId = deps.newId ?? ulid;
  const saleId = newId();
  const mutationId = newId();
  const at = (deps.now ?? (() => new Date()))();
  const totalFen = orderTotalFen(input.lines);
  const candidate: MutationPayload<'sale.recorded'> = {
    saleId,
    lines: input.lines.map(({ itemId, name, qty, unitPriceFen }) => ({ itemId, name, qty, unitPriceFen })),
    totalFen,
    ...(input.operatorId !== undefined && { operatorId: input.operatorId }),
  };
  const parsed = mutationSchemas['sale.recorded'].safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: { code: 'INVALID', message: `${issue?.path.join('.') || 'sale'}: ${issue?.message}` },
    };
  }
  if (!Number.isSafeInteger(input.paidFen) || input.paidFen < totalFen) {
    return { ok: false, error: { code: 'UNDERPAID', totalFen, paidFen: input.paidFen } };
  }
  const confirmed = new Set(input.confirmShort ?? []);
  const tables = [...new Set(['sales', ...stockTables, ...cashTables])];

  try {
    const sale = await db.transaction('rw', tables, async () => {
      const ids = [...new Set(input.lines.map((l) => l.itemId))];
      const items = await db.stockItems.bulkGet(ids);
      const shelf = new Map<string, StockItemRow>();
      items.forEach((item, i) => {
        if (!item) throw new StockRefusal({ code: 'UNKNOWN_ITEM', itemId: ids[i]! });
        shelf.set(item.id, item);
      });
      const short = shortLines(input.lines, shelf);
      const unconfirmed = short.filter((s) => !confirmed.has(s.itemId));
      if (unconfirmed.length > 0) throw new ShortRefusal(unconfirmed);

      // The discrepancy first, explicitly: the shelf held more than the records said.
      for (const s of short) {
        await bookMovement(
          db,
          {
            itemId: s.itemId,
            qtyDelta: s.want - s.have,
            reason: 'count',
            refId: saleId,
            note: `售出多于库存 ${s.have}→${s.want} / sold beyond recorded stock`,
            ...(input.operatorId !== undefined && { operatorId: input.operatorId }),
          },
          'own',
          { now: () => at },
        );
      }
      const last = await db.sales.orderBy('no').lastKey();
      const row: SaleRow = {
        id: saleId,
        no: (typeof last === 'number' ? last : 0) + 1,
        day: localDay(at),
        lines: input.lines.map((l) => ({ ...l })),
        totalFen,
        paidFen: input.paidFen,
        changeFen: input.paidFen - totalFen,
        shortfalls: short.map((s) => ({ itemId: s.itemId, qty: s.want - s.have })),
        ...(input.operatorId !== undefined && { operatorId: input.operatorId }),
        mutationId,
        at: at.toISOString(),
      };
      await recordAction(db, {
        table: 'sales',
        row,
        type: 'sale.recorded',
        payload: parsed.data,
        now: () => at,
        newId: () => mutationId,
        also: {
          tables: tables.filter((t) => !['sales', 'outbox', 'meta'].includes(t)),
          write: async () => {
            for (const l of input.lines) {
              await bookMovement(
                db,
                {
                  itemId: l.itemId,
                  qtyDelta: -l.qty,
                  reason: 'sale',
                  refId: saleId,
                  ...(input.operatorId !== undefined && { operatorId: input.operatorId }),
                },
                'sale',
                { now: () => at },
              );
            }
            // The drawer takes the total; the change handed back never entered it.
            await addCashMovement(db, {
              kind: 'sale',
              refId: saleId,
              amountFen: totalFen,
              ...(input.operatorId !== undefined && { operatorId: input.operatorId }),
              at,
            });
          },
        },
      });
      return row;
    });
    return { ok: true, sale };
  } catch (e) {
    const cause = [e, (e as { inner?: unknown } | undefined)?.inner].find(
      (x) => x instanceof ShortRefusal || x instanceof StockRefusal,
    );
    if (cause instanceof ShortRefusal) return { ok: false, error: { code: 'SHORT', lines: cause.lines } };
    if (cause instanceof StockRefusal) {
      const err = cause.error;
      return err.code === 'UNKNOWN_ITEM'
        ? { ok: false, error: { code: 'UNKNOWN_ITEM', itemId: err.itemId } }
        : { ok: false, error: { code: 'INVALID', message: err.code } };
    }
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, error: { code: 'STORAGE', message } };
  }
}

class ShortRefusal extends Error {
  constructor(readonly lines: { itemId: string; name: string; have: number; want: number }[]) {
    super('SHORT');
  }
}

export const salesOfDay = (db: KioskDb, day: string): Promise<SaleRow[]> =>
  db.sales.where('day').equals(day).sortBy('no');

/** 7 → 'S0007': sales and orders are numbered apart, so the letter tells a receipt's kind. */
export const formatSaleNo = (no: number): string => `S${String(no).padStart(4, '0')}`;
