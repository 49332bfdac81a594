/**
 * The point's own shelves (购销存, issue 7): which items it keeps, how many, and every change.
 *
 * Invariants (stock.property.test.ts checks them over random days):
 * - An item's `qty` equals the sum of its movements' `qtyDelta`: both are written in ONE transaction
 *   (`bookMovement`), never one without the other.
 * - `qty` is never negative. A loss beyond stock is refused; a sale beyond stock is made explicit by a
 *   'count' correction booked before it (sales.ts), so the shelf never goes below zero silently.
 * - Every movement reaches the county: one `stock.moved` in the same transaction, or, for a sale's
 *   lines, the sale's own `sale.recorded` (the county writes those stock rows itself).
 */
import { ulid } from 'ulid';
import { mutationSchemas, type MutationPayload } from '../../sync/protocol';
import { auditTables, recordAudit } from './audit';
import type { CatalogueRow, KioskDb } from './db';
import { recordAction } from './outbox';
import type { StockItemRow, StockMovementRow, StockReason } from './stock-rows';

export type { StockItemRow, StockMovementRow, StockReason } from './stock-rows';

/** Every table a stock write may touch, for an enclosing transaction. */
export const stockTables = ['stockItems', 'stockMovements', 'outbox', 'meta', ...auditTables] as const;

export const MAX_STOCK_QTY = 9999;
export const DEFAULT_LOW_AT = 3;

export type StockError =
  | { code: 'UNKNOWN_ITEM'; itemId: string }
  | { code: 'NEGATIVE'; itemId: string; have: number; want: number }
  | { code: 'INVALID'; message: string }
  | { code: 'BARCODE_TAKEN'; barcode: string; itemId: string };

export type StockResult<T> = { ok: true; value: T } | { ok: false; error: StockError };

export interface Deps {
  now?: () => Date;
  newId?: () => string;
}

const nowOf = (deps: Deps) => (deps.now ?? (() => new Date()))();
const idOf = (deps: Deps) => (deps.newId ?? ulid)();

/** Stock errors cross the store boundary as values; this unwraps the ones thrown inside transactions. */
export class StockRefusal extends Error {
  constructor(readonly error: StockError) {
    super(error.code);
  }
}

export async function refusalToResult<T>(run: () => Promise<T>): Promise<StockResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (e instanceof StockRefusal) return { ok: false, error: e.error };
    // Dexie wraps errors thrown inside a transaction callback; the original is `inner`.
    const inner = (e as { inner?: unknown }).inner;
    if (inner instanceof StockRefusal) return { ok: false, error: inner.error };
    throw e;
  }
}

export interface NewMovement {
  itemId: string;
  qtyDelta: number;
  reason: StockReason;
  refId?: string;
  note?: string;
  unitCostFen?: number;
  operatorId?: string;
}

/**
 * Books one movement: the movement row, the item's new qty and (for `synced: 'own'`) its
 * `stock.moved` outbox entry, in one transaction (joins the caller's if it includes stockTables).
 * Throws StockRefusal when the item is unknown or the shelf would go negative.
 */
export async function bookMovement(
  db: KioskDb,
  m: NewMovement,
  synced: StockMovementRow['synced'],
  deps: Deps = {},
): Promise<StockMovementRow> {
  if (!Number.isSafeInteger(m.qtyDelta) || m.qtyDelta === 0 || Math.abs(m.qtyDelta) > 100_000) {
    throw new StockRefusal({ code: 'INVALID', message: `qtyDelta ${m.qtyDelta}` });
  }
  const at = nowOf(deps);
  return db.transaction('rw', [...stockTables], async () => {
    const item = await db.stockItems.get(m.itemId);
    if (!item) throw new StockRefusal({ code: 'UNKNOWN_ITEM', itemId: m.itemId });
    const qty = item.qty + m.qtyDelta;
    if (qty < 0)
      throw new StockRefusal({ code: 'NEGATIVE', itemId: m.itemId, have: item.qty, want: -m.qtyDelta });
    const row: StockMovementRow = {
      id: idOf(deps),
      itemId: m.itemId,
      qtyDelta: m.qtyDelta,
      reason: m.reason,
      ...(m.refId !== undefined && { refId: m.refId }),
      ...(m.note !== undefined && { note: m.note }),
      ...(m.unitCostFen !== undefined && { unitCostFen: m.unitCostFen }),
      ...(m.operatorId !== undefined && { operatorId: m.operatorId }),
      at: at.toISOString(),
      synced,
    };
    const bump = () => db.stockItems.update(item.id, { qty, updatedAt: row.at }).then(() => undefined);
    if (synced === 'sale') {
      await db.stockMovements.add(row);
      await bump();
      return row;
    }
    const payload: MutationPayload<'stock.moved'> = mutationSchemas['stock.moved'].parse({
      movementId: row.id,
      itemId: row.itemId,
      qtyDelta: row.qtyDelta,
      reason: row.reason,
      unitCostFen: row.unitCostFen,
      refId: row.refId,
      note: row.note,
      name: item.name,
    });
    await recordAction(db, {
      table: 'stockMovements',
      row,
      type: 'stock.moved',
      payload,
      now: () => at,
      also: { tables: ['stockItems'], write: bump },
    });
    return row;
  });
}

// ---------------------------------------------------------------- the shelf list

/** Puts a catalogue item on the shelf list (qty 0) if it is not there yet; returns the stock row. */
export async function stockCatalogueItem(
  db: KioskDb,
  item: Pick<CatalogueRow, 'id' | 'name' | 'spec' | 'unit' | 'barcode' | 'priceFen'>,
  deps: Deps = {},
): Promise<StockItemRow> {
  return db.transaction('rw', db.stockItems, async () => {
    const have = await db.stockItems.get(item.id);
    if (have) return have;
    const row: StockItemRow = {
      id: item.id,
      source: 'catalogue',
      name: item.name,
      spec: item.spec,
      unit: item.unit,
      ...(item.barcode ? { barcode: item.barcode } : {}),
      priceFen: item.priceFen,
      qty: 0,
      lowAt: DEFAULT_LOW_AT,
      updatedAt: nowOf(deps).toISOString(),
    };
    await db.stockItems.add(row);
    return row;
  });
}

export interface LocalItemInput {
  name: string;
  barcode?: string;
  unit: string;
  priceFen: number;
  lowAt?: number;
}

/** A local item (not in the county catalogue): its own barcode, which no shelf item may share. */
export async function addLocalItem(
  db: KioskDb,
  input: LocalItemInput,
  deps: Deps = {},
): Promise<StockResult<StockItemRow>> {
  const name = input.name.trim();
  const barcode = input.barcode?.trim() || undefined;
  if (name.length < 1 || name.length > 200) return invalid('name');
  if (barcode !== undefined && !/^[0-9A-Za-z-]{4,40}$/.test(barcode)) return invalid('barcode');
  if (!Number.isSafeInteger(input.priceFen) || input.priceFen < 0) return invalid('priceFen');
  if (input.unit.trim().length < 1 || input.unit.trim().length > 10) return invalid('unit');
  return refusalToResult(() =>
    db.transaction('rw', db.stockItems, db.catalogue, async () => {
      if (barcode !== undefined) {
        const onShelf = await db.stockItems.where('barcode').equals(barcode).first();
        const inCatalogue = await db.catalogue.where('barcode').equals(barcode).first();
        const taken = onShelf ?? inCatalogue;
        if (taken) throw new StockRefusal({ code: 'BARCODE_TAKEN', barcode, itemId: taken.id });
      }
      const row: StockItemRow = {
        id: `local-${idOf(deps)}`,
        source: 'local',
        name,
        unit: input.unit.trim(),
        ...(barcode !== undefined && { barcode }),
        priceFen: input.priceFen,
        qty: 0,
        lowAt: input.lowAt ?? DEFAULT_LOW_AT,
        updatedAt: nowOf(deps).toISOString(),
      };
      await db.stockItems.add(row);
      return row;
    }),
  );
}

/** Shelf price and low-stock mark; the quantity changes only through movements. */
export async function updateShelfItem(
  db: KioskDb,
  itemId: string,
  patch: { priceFen?: number; lowAt?: number },
  deps: Deps & { operatorId?: string } = {},
): Promise<StockResult<StockItemRow>> {
  if (patch.priceFen !== undefined && (!Number.isSafeInteger(patch.priceFen) || patch.priceFen < 0))
    return invalid('priceFen');
  if (patch.lowAt !== undefined && (!Number.isSafeInteger(patch.lowAt) || patch.lowAt < 0))
    return invalid('lowAt');
  return refusalToResult(() =>
    db.transaction('rw', [...stockTables], async () => {
      const item = await db.stockItems.get(itemId);
      if (!item) throw new StockRefusal({ code: 'UNKNOWN_ITEM', itemId });
      const next = { ...item, ...patch, updatedAt: nowOf(deps).toISOString() };
      await db.stockItems.put(next);
      // A shelf price is what villagers pay at the counter: who changed it is kept and synced.
      if (patch.priceFen !== undefined && patch.priceFen !== item.priceFen) {
        await recordAudit(
          db,
          {
            kind: 'stock.price',
            ...(deps.operatorId !== undefined && { operatorId: deps.operatorId }),
            detail: { itemId, from: item.priceFen, to: patch.priceFen },
          },
          deps.now,
        );
      }
      return next;
    }),
  );
}

/**
 * The shelf item a scanned code names: one already on the shelf, else a catalogue item with that
 * barcode (put on the shelf list at qty 0, so a stock-in can start from a scan).
 */
export async function shelfItemForCode(
  db: KioskDb,
  code: string,
  deps: Deps = {},
): Promise<StockItemRow | undefined> {
  const onShelf = await db.stockItems.where('barcode').equals(code).first();
  if (onShelf) return onShelf;
  const inCatalogue = await db.catalogue.where('barcode').equals(code).first();
  return inCatalogue ? stockCatalogueItem(db, inCatalogue, deps) : undefined;
}

export const shelfItems = (db: KioskDb): Promise<StockItemRow[]> => db.stockItems.orderBy('name').toArray();

/** Low stock first by how far below the mark, then by name. */
export async function lowStock(db: KioskDb): Promise<StockItemRow[]> {
  const all = await db.stockItems.filter((i) => i.qty <= i.lowAt).toArray();
  return all.sort((a, b) => a.qty - a.lowAt - (b.qty - b.lowAt) || a.name.localeCompare(b.name, 'zh-CN'));
}

export const movementsOf = async (db: KioskDb, itemId: string): Promise<StockMovementRow[]> =>
  (await db.stockMovements.where('itemId').equals(itemId).sortBy('at')).reverse();

// ---------------------------------------------------------------- the operator's changes

/** Stock in by scan or by hand (a delivery without a note, a return from a villager…). */
export async function stockIn(
  db: KioskDb,
  input: {
    itemId: string;
    qty: number;
    unitCostFen?: number;
    reason?: 'purchase' | 'return';
    refId?: string;
    operatorId?: string;
  },
  deps: Deps = {},
): Promise<StockResult<StockMovementRow>> {
  if (!Number.isSafeInteger(input.qty) || input.qty < 1 || input.qty > MAX_STOCK_QTY) return invalid('qty');
  if (input.unitCostFen !== undefined && (!Number.isSafeInteger(input.unitCostFen) || input.unitCostFen < 0))
    return invalid('unitCostFen');
  return refusalToResult(() =>
    db.transaction('rw', [...stockTables], async () => {
      const row = await bookMovement(
        db,
        {
          itemId: input.itemId,
          qtyDelta: input.qty,
          reason: input.reason ?? 'purchase',
          ...(input.unitCostFen !== undefined && { unitCostFen: input.unitCostFen }),
          ...(input.refId !== undefined && { refId: input.refId }),
          ...(input.operatorId !== undefined && { operatorId: input.operatorId }),
        },
        'own',
        deps,
      );
      // An operator's stock-in is an operator action: its audit line names who booked what.
      if (input.operatorId !== undefined) {
        await recordAudit(
          db,
          {
            kind: 'stock.in',
            operatorId: input.operatorId,
            detail: { itemId: row.itemId, qty: row.qtyDelta },
          },
          deps.now,
        );
      }
      return row;
    }),
  );
}

export type AdjustInput =
  /** A stock count: the shelf holds `counted`; the difference is booked (nothing when equal). */
  | { kind: 'count'; itemId: string; counted: number; note: string; operatorId?: string }
  /** Broken, expired, stolen: `qty` units leave the shelf. */
  | { kind: 'loss'; itemId: string; qty: number; note: string; operatorId?: string };

/**
 * A count or a loss, always with the operator's reason, in one transaction with its audit line.
 * Returns the movement, or null when a count matched the shelf (nothing to book).
 */
export async function adjustStock(
  db: KioskDb,
  input: AdjustInput,
  deps: Deps = {},
): Promise<StockResult<StockMovementRow | null>> {
  const note = input.note.trim();
  if (note.length < 1 || note.length > 200) return invalid('note');
  const n = input.kind === 'count' ? input.counted : input.qty;
  if (!Number.isSafeInteger(n) || n < (input.kind === 'count' ? 0 : 1) || n > MAX_STOCK_QTY)
    return invalid('qty');
  return refusalToResult(() =>
    db.transaction('rw', [...stockTables], async () => {
      const item = await db.stockItems.get(input.itemId);
      if (!item) throw new StockRefusal({ code: 'UNKNOWN_ITEM', itemId: input.itemId });
      const delta = input.kind === 'count' ? input.counted - item.qty : -input.qty;
      if (delta === 0) return null;
      const row = await bookMovement(
        db,
        {
          itemId: item.id,
          qtyDelta: delta,
          reason: input.kind,
          note,
          ...(input.operatorId !== undefined && { operatorId: input.operatorId }),
        },
        'own',
        deps,
      );
      await recordAudit(
        db,
        {
          kind: `stock.${input.kind}`,
          ...(input.operatorId !== undefined && { operatorId: input.operatorId }),
          detail: { itemId: item.id, name: item.name, from: item.qty, to: item.qty + delta, note },
        },
        deps.now,
      );
      return row;
    }),
  );
}

function invalid<T>(field: string): StockResult<T> {
  return { ok: false, error: { code: 'INVALID', message: field } };
}
