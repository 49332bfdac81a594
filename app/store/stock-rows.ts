/**
 * Rows of the point's own shop (购销存, issue 7) and of its cash day (日结), as db.ts stores them
 * (Dexie v9). Kept here so db.ts only names the tables.
 */
import type { CashMovementRow } from './db';

/**
 * An item the shop keeps on its own shelves: a catalogue item (id = the catalogue id) or a local one
 * (id 'local-…', with its own barcode and price). `qty` is the running stock: it is only ever changed
 * in the transaction that adds the stock movement explaining the change, so it always equals the sum
 * of the item's movements, and it is never negative (stock.ts refuses or makes the shortfall explicit).
 */
export interface StockItemRow {
  id: string;
  source: 'catalogue' | 'local';
  name: string;
  spec?: string;
  unit: string;
  barcode?: string;
  /** The shelf price the counter sells at, integer fen. */
  priceFen: number;
  qty: number;
  /** Shown on the low-stock list at or below this quantity. */
  lowAt: number;
  updatedAt: string; // device time, display only
}

export type StockReason = 'purchase' | 'sale' | 'loss' | 'count' | 'return';

/** One change of one item's stock. Local ledger; what reaches the county is said in `synced`. */
export interface StockMovementRow {
  id: string;
  itemId: string;
  qtyDelta: number; // whole units, never 0
  reason: StockReason;
  /** The delivery note, sale or count that justifies it. */
  refId?: string;
  note?: string;
  unitCostFen?: number;
  operatorId?: string;
  at: string; // device time, display only
  /**
   * 'own' — carried by its own `stock.moved` mutation; 'sale' — carried by its sale's `sale.recorded`
   * (the county writes the sale's stock rows itself).
   */
  synced: 'own' | 'sale';
}

export interface SaleLineRow {
  itemId: string;
  name: string;
  qty: number;
  unitPriceFen: number;
}

/** A counter sale: cash in the drawer, stock off the shelf, one `sale.recorded` mutation. */
export interface SaleRow {
  id: string;
  /** Short, per device (1, 2, 3…), printed on the receipt. */
  no: number;
  day: string; // the cash day (cash.ts localDay)
  lines: SaleLineRow[];
  totalFen: number;
  paidFen: number;
  changeFen: number;
  /** Lines sold beyond the recorded stock, booked as explicit count corrections before the sale. */
  shortfalls: { itemId: string; qty: number }[];
  operatorId?: string;
  mutationId: string;
  at: string; // device time, display only
}

/** A delivery note the operator confirmed: what was actually put on the shelves. */
export interface DeliveryReceiptRow {
  noteId: string;
  lines: { itemId: string; name: string; qtyExpected: number; qtyReceived: number }[];
  operatorId?: string;
  receivedAt: string; // device time, display only
}

/**
 * A closed cash day (日结). Written once, at close, with its `cash.day_closed` mutation; `day` is
 * unique, so a day closes once. The day was opened by its 'float' cash movement (cash-day.ts).
 */
export interface CashDayRow {
  id: string;
  day: string;
  floatFen: number;
  /** When the float was entered; absent when the day was never opened with one. */
  openedAt?: string;
  closedAt: string; // device time, display only
  expectedFen: number;
  countedFen: number;
  differenceFen: number; // counted − expected: + over, − short
  reason?: string;
  /** Notes and coins counted: face value in fen → pieces. */
  denominations?: Record<string, number>;
  totals: CashTotal[];
  operatorId: string;
  mutationId: string;
}

export interface CashTotal {
  kind: CashMovementRow['kind'];
  count: number;
  amountFen: number;
}
