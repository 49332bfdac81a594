/**
 * Delivery notes the county publishes to this village (entity `delivery_note`, pulled), and their
 * receipt at the point: the operator confirms what arrived, line by line, and each line becomes a
 * 'purchase' stock movement referring to the note.
 *
 * Invariants: a note is received at most once (the receipt row is keyed by the note id and written in
 * the transaction that books its movements); an item not yet on the shelf list joins it (price from
 * the catalogue when the catalogue has it, else 0 until the operator prices it).
 */
import { auditTables, recordAudit } from './audit';
import type { KioskDb, Pulled } from './db';
import {
  bookMovement,
  DEFAULT_LOW_AT,
  MAX_STOCK_QTY,
  refusalToResult,
  StockRefusal,
  stockTables,
  type Deps,
  type StockResult,
} from './stock';
import type { DeliveryReceiptRow, StockItemRow } from './stock-rows';

export type DeliveryNote = Pulled<'delivery_note'>;

/** Notes not yet received, oldest delivery first. */
export async function pendingDeliveries(db: KioskDb): Promise<DeliveryNote[]> {
  return db.transaction('r', db.deliveryNotes, db.deliveryReceipts, async () => {
    const notes = await db.deliveryNotes.orderBy('deliveredAt').toArray();
    const received = new Set(await db.deliveryReceipts.toCollection().primaryKeys());
    return notes.filter((n) => !received.has(n.id));
  });
}

export const deliveryReceipt = (db: KioskDb, noteId: string) => db.deliveryReceipts.get(noteId);

/**
 * Books the note's lines as received. `received` maps item id → units actually received (default:
 * as on the note; 0 books nothing for that line). A line short of the note is kept in the receipt.
 */
export async function receiveDelivery(
  db: KioskDb,
  noteId: string,
  opts: { received?: Readonly<Record<string, number>>; operatorId?: string } = {},
  deps: Deps = {},
): Promise<StockResult<DeliveryReceiptRow>> {
  const at = (deps.now ?? (() => new Date()))();
  const tables = [
    ...new Set(['deliveryNotes', 'deliveryReceipts', 'catalogue', ...stockTables, ...auditTables]),
  ];
  return refusalToResult(() =>
    db.transaction('rw', tables, async () => {
      const note = await db.deliveryNotes.get(noteId);
      if (!note) throw new StockRefusal({ code: 'INVALID', message: 'unknown note' });
      if (await db.deliveryReceipts.get(noteId))
        throw new StockRefusal({ code: 'INVALID', message: 'already received' });
      const lines = note.lines.map((l) => {
        const qtyReceived = opts.received?.[l.itemId] ?? l.qty;
        if (!Number.isSafeInteger(qtyReceived) || qtyReceived < 0 || qtyReceived > MAX_STOCK_QTY)
          throw new StockRefusal({ code: 'INVALID', message: `qty ${l.itemId}` });
        return {
          itemId: l.itemId,
          name: l.name,
          qtyExpected: l.qty,
          qtyReceived,
          unitCostFen: l.unitCostFen,
        };
      });
      for (const l of lines) {
        await ensureShelfItem(db, l.itemId, l.name, at);
        if (l.qtyReceived === 0) continue;
        await bookMovement(
          db,
          {
            itemId: l.itemId,
            qtyDelta: l.qtyReceived,
            reason: 'purchase',
            unitCostFen: l.unitCostFen,
            refId: note.id,
            ...(l.qtyReceived !== l.qtyExpected && {
              note: `送货单 ${l.qtyExpected}，实收 ${l.qtyReceived}`,
            }),
            ...(opts.operatorId !== undefined && { operatorId: opts.operatorId }),
          },
          'own',
          { now: () => at },
        );
      }
      const receipt: DeliveryReceiptRow = {
        noteId: note.id,
        lines: lines.map(({ itemId, name, qtyExpected, qtyReceived }) => ({
          itemId,
          name,
          qtyExpected,
          qtyReceived,
        })),
        ...(opts.operatorId !== undefined && { operatorId: opts.operatorId }),
        receivedAt: at.toISOString(),
      };
      await db.deliveryReceipts.add(receipt);
      await recordAudit(
        db,
        {
          kind: 'stock.delivery',
          ...(opts.operatorId !== undefined && { operatorId: opts.operatorId }),
          detail: {
            noteId: note.id,
            lines: receipt.lines.length,
            short: lines.filter((l) => l.qtyReceived < l.qtyExpected).length,
          },
        },
        () => at,
      );
      return receipt;
    }),
  );
}

async function ensureShelfItem(db: KioskDb, itemId: string, name: string, at: Date): Promise<void> {
  if (await db.stockItems.get(itemId)) return;
  const c = await db.catalogue.get(itemId);
  const row: StockItemRow = {
    id: itemId,
    source: 'catalogue',
    name: c?.name ?? name,
    unit: c?.unit ?? '件',
    ...(c?.spec ? { spec: c.spec } : {}),
    ...(c?.barcode ? { barcode: c.barcode } : {}),
    priceFen: c?.priceFen ?? 0,
    qty: 0,
    lowAt: DEFAULT_LOW_AT,
    updatedAt: at.toISOString(),
  };
  await db.stockItems.add(row);
}
