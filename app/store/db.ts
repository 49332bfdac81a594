/**
 * The kiosk's local database (Dexie on IndexedDB) — the only module that opens it.
 *
 * Invariants:
 * - Every action that must reach the county writes its domain row and its outbox row in ONE
 *   transaction (see `recordAction` in outbox.ts), so a power cut leaves both or neither.
 * - Durability is 'strict' for the whole database: Chromium then flushes to disk before it reports a
 *   commit, so an order the villager saw confirmed survives a power cut. The cost is one fsync per
 *   transaction, which is why bulk writes (catalogue sync) go in large transactions.
 * - Schema changes are new `this.version(n)` blocks with an upgrade function, never edits of old
 *   ones, and each has a test that upgrades real old data.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { EntityData } from '../../sync/protocol';
import type { DispatchManifestRow } from './dispatch';
import type { ShipmentRow } from './shipments';
import type { ParcelEventRow, ParcelRow } from './parcels/types';
import type { BillIntentRow } from './bills';
import type { PhotoRow } from './photos';
import type { ProduceConfirmationRow, ProduceListingRow } from './produce';
import type { RefundRow } from './refunds';
import type { ReturnRequestRow } from './returns';
import type { TicketRequestRow } from './tickets';
import type { CashDayRow, DeliveryReceiptRow, SaleRow, StockItemRow, StockMovementRow } from './stock-rows';

/** A mutation waiting to reach the county (ARCHITECTURE.md §5). */
export interface OutboxEntry {
  id: string; // generated on the device (ULID)
  seq: number; // per-device sequence: device clocks in villages are wrong, so order by this
  type: string;
  at: string; // device time, for display only
  payload: unknown;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

/** A hardware side effect (door open, print) recorded before it happens, settled after. */
export interface SideEffect {
  id: string;
  kind: 'print' | 'door';
  status: 'pending' | 'done' | 'failed';
  createdAt: string;
  ref: string;
  detail?: unknown;
}

/**
 * What the county publishes, as pulled (ARCHITECTURE.md §5). Every pulled row is keyed by the change's
 * `id` (a delete carries nothing else) and keeps the feed `version` that wrote it, so a stale or replayed
 * change can never overwrite a newer one.
 */
export type Pulled<E extends keyof PulledEntities> = PulledEntities[E] & { id: string; version: string };
interface PulledEntities {
  category: EntityData<'category'>;
  catalogue_item: EntityData<'catalogue_item'>;
  notice: EntityData<'notice'>;
  parcel_manifest: EntityData<'parcel_manifest'>;
  order_status: EntityData<'order_status'>;
  request_status: EntityData<'request_status'>;
  trace_record: EntityData<'trace_record'>;
  village_settings: EntityData<'village_settings'>;
  operator_account: EntityData<'operator_account'>;
  delivery_note: EntityData<'delivery_note'>;
}

/**
 * A catalogue item with its search terms: hanzi suffixes of the name, pinyin and initials suffixes at
 * syllable boundaries (search-terms.ts). One multiEntry index over them makes "typed so far" a key range.
 */
export type CatalogueRow = Pulled<'catalogue_item'> & { terms: string[] };

/** A mutation the county (or the kiosk's own envelope check) refused: kept and shown, never dropped. */
export interface RejectedEntry extends OutboxEntry {
  reason: string;
  /** 'county' when the county's ack said rejected; 'kiosk' when the envelope could never be sent. */
  source: 'county' | 'kiosk';
  rejectedAt: string; // device time, for display only
  serverTime?: string;
}

/** One line of a placed order: what the villager saw and agreed to, kept as it was (§5). */
export interface OrderLineRow {
  itemId: string;
  name: string;
  spec: string;
  unit: string;
  qty: number; // whole units, 1..9999
  unitPriceFen: number; // the price at order time; the county settles changes as order status
}

/**
 * An order placed at this point (代购), written with its `order.placed` outbox mutation in one
 * transaction (orders.ts). The county's answer arrives separately as `orderStatus` rows.
 */
export interface OrderRow {
  id: string; // the orderId the county knows (ULID, generated here)
  /** Short, readable, per device (1, 2, 3…; shown as 0001): what the villager and operator say aloud. */
  no: number;
  /** The outbox mutation that carries this order to the county. */
  mutationId: string;
  phone: string;
  lines: OrderLineRow[];
  totalFen: number; // Σ qty × unitPriceFen, integer fen
  payment: 'cash' | 'epay';
  /** Cash is paid at the counter; an e-payment waits for the operator's confirmation. */
  paymentState: 'due_at_counter' | 'awaiting_confirmation';
  delivery: 'point' | 'home';
  status: 'placed';
  placedAt: string; // device time, for display only
}

/**
 * One movement of cash through the point's drawer (日结 adds these up). Written by the flow that took
 * or paid the money, in the same transaction as its domain row (cash.ts `addCashMovement`).
 * `amountFen` is signed: money in > 0, money out (refunds, payouts) < 0.
 */
export interface CashMovementRow {
  id: string;
  /** The local calendar day (YYYY-MM-DD) of the device when the money moved: the cash day it belongs to. */
  day: string;
  kind:
    'float' | 'order' | 'bill' | 'parcel_fee' | 'shipping_fee' | 'sale' | 'refund' | 'payout' | 'adjustment';
  /** The row that justifies it (order id, bill intent id, parcel id, sale id…). */
  refId: string;
  amountFen: number;
  operatorId?: string;
  note?: string;
  at: string; // device time, for display only
}

/** Who did what at the point: every door opened, every operator action (issues 6 and 7). Kept and synced. */
export interface AuditRow {
  id: string;
  at: string; // device time, for display only
  kind: string; // 'door.open', 'operator.signin', 'parcel.release'…
  operatorId?: string;
  detail: Record<string, unknown>;
}

/**
 * A villager who agreed to be recorded (issue 7): the phone is the key people know them by, so it is
 * unique here; the name is optional. No row exists without consent, and the consent time is kept.
 */
export interface VillagerRow {
  id: string;
  phone: string;
  name?: string;
  consentAt: string; // device time when the villager said yes
  registeredAt: string; // device time, display only
  operatorId: string;
}

/** A training session held at the point (电商培训), with its attendance. */
export interface TrainingRow {
  id: string;
  topic: string;
  date: string; // YYYY-MM-DD, the local day it was held
  attendees: number;
  /** Registered villagers who attended, when the operator picked them; the count may be higher. */
  attendeePhones: string[];
  operatorId: string;
  recordedAt: string; // device time, display only
}

export const DB_NAME = 'village-kiosk';

export class KioskDb extends Dexie {
  outbox!: EntityTable<OutboxEntry, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  sideEffects!: EntityTable<SideEffect, 'id'>;
  // v2: what is pulled from the county, and what it rejected
  categories!: EntityTable<Pulled<'category'>, 'id'>;
  catalogue!: EntityTable<CatalogueRow, 'id'>;
  notices!: EntityTable<Pulled<'notice'>, 'id'>;
  parcelManifests!: EntityTable<Pulled<'parcel_manifest'>, 'id'>;
  orderStatus!: EntityTable<Pulled<'order_status'>, 'id'>;
  requestStatus!: EntityTable<Pulled<'request_status'>, 'id'>;
  traceRecords!: EntityTable<Pulled<'trace_record'>, 'id'>;
  villageSettings!: EntityTable<Pulled<'village_settings'>, 'id'>;
  rejected!: EntityTable<RejectedEntry, 'id'>;
  // v3: what the villagers did at the point
  orders!: EntityTable<OrderRow, 'id'>;
  // v4: the cash drawer and the audit log, which every service writes into
  cashMovements!: EntityTable<CashMovementRow, 'id'>;
  auditLog!: EntityTable<AuditRow, 'id'>;
  // v7: parcels villagers send (寄件, shipments.ts) and the courier's collections (dispatch.ts)
  shipments!: EntityTable<ShipmentRow, 'id'>;
  dispatchManifests!: EntityTable<DispatchManifestRow, 'id'>;
  // v6: parcels at the point (代收代发, app/store/parcels/)
  parcels!: EntityTable<ParcelRow, 'id'>;
  parcelEvents!: EntityTable<ParcelEventRow, 'id'>;
  // v5: villager requests the county answers (代销, 缴费充值, 订票, 代换代退), their photos, refunds paid
  produceListings!: EntityTable<ProduceListingRow, 'id'>;
  produceConfirmations!: EntityTable<ProduceConfirmationRow, 'listingId'>;
  billIntents!: EntityTable<BillIntentRow, 'id'>;
  ticketRequests!: EntityTable<TicketRequestRow, 'id'>;
  returnRequests!: EntityTable<ReturnRequestRow, 'id'>;
  photos!: EntityTable<PhotoRow, 'id'>;
  refunds!: EntityTable<RefundRow, 'id'>;
  // v8: operator accounts (pulled), the villager registry and training sessions (issue 7)
  operatorAccounts!: EntityTable<Pulled<'operator_account'>, 'id'>;
  villagers!: EntityTable<VillagerRow, 'id'>;
  trainings!: EntityTable<TrainingRow, 'id'>;
  // v9: the point's own shop (购销存) and its cash days (日结), issue 7
  stockItems!: EntityTable<StockItemRow, 'id'>;
  stockMovements!: EntityTable<StockMovementRow, 'id'>;
  sales!: EntityTable<SaleRow, 'id'>;
  deliveryNotes!: EntityTable<Pulled<'delivery_note'>, 'id'>;
  deliveryReceipts!: EntityTable<DeliveryReceiptRow, 'noteId'>;
  cashDays!: EntityTable<CashDayRow, 'id'>;

  constructor(
    name: string = DB_NAME,
    options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    super(name, { ...options, chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      outbox: '&id, &seq, type',
      meta: '&key',
      sideEffects: '&id, status, kind',
    });
    // v2 only adds tables (v1's carry over untouched), so it needs no upgrade function; the sync
    // state (cursor, last success, last error, device identity) lives in `meta` under 'sync.*' keys.
    this.version(2).stores({
      categories: '&id, sort',
      // `*terms` is multiEntry: prefix search by hanzi, pinyin or initials is one key range.
      catalogue: '&id, categoryId, barcode, *terms',
      notices: '&id, publishedAt, category',
      parcelManifests: '&id, waybill, phone',
      orderStatus: '&id, orderId',
      requestStatus: '&id, requestId, [kind+requestId]',
      traceRecords: '&id, code',
      villageSettings: '&id, villageId',
      rejected: '&id, &seq, rejectedAt',
    });
    // v3 only adds `orders` (nothing earlier changes), so it needs no upgrade function. `&no` is unique:
    // the next number is read from this index in the placing transaction, so two orders never share one.
    this.version(3).stores({
      orders: '&id, &no, phone, placedAt',
    });
    // v4 only adds tables. Later versions: one block each, numbered in the order they land.
    this.version(4).stores({
      cashMovements: '&id, day, kind, refId',
      auditLog: '&id, at, kind',
    });
    // v7 only adds tables. `&no` is unique: the next shipment number is read from it in the recording
    // transaction. A shipment waiting for the courier has no manifestId (it is filtered, not indexed).
    this.version(7).stores({
      shipments: '&id, &no, senderPhone, carrier, createdAt',
      dispatchManifests: '&id, carrier, handedOverAt',
    });
    // v6 (parcels) only adds tables. `&waybill`: the same waybill is never stored twice, even by a
    // double tap racing itself; `codeHash` finds a typed pickup code; `status` lists what waits.
    // parcelEvents: what happened to a parcel after it was stored (collected, returned, fee taken),
    // each written with its outbox mutation in one transaction.
    this.version(6).stores({
      parcels: '&id, &waybill, phone, status, codeHash, storedAt',
      parcelEvents: '&id, parcelId, at',
    });
    // v5 only adds tables (villager requests, photos, refunds: store/produce, bills, tickets, returns,
    // photos, refunds.ts), so it needs no upgrade function.
    this.version(5).stores({
      produceListings: '&id, phone, listedAt',
      produceConfirmations: '&listingId',
      billIntents: '&id, phone, createdAt',
      ticketRequests: '&id, phone, createdAt',
      returnRequests: '&id, phone, orderId, createdAt',
      photos: '&id, takenAt',
      refunds: '&id, source, refId, paidAt',
    });
    // v8 only adds tables. `&phone`: one registry row per phone, checked in the registering transaction.
    this.version(8).stores({
      operatorAccounts: '&id, villageId',
      villagers: '&id, &phone, registeredAt',
      trainings: '&id, date',
    });
    // v9 only adds tables. `&no` on sales as on orders (the next number is read in the selling
    // transaction); `&day` on cashDays: one cash day per local calendar day.
    this.version(9).stores({
      stockItems: '&id, barcode, name',
      stockMovements: '&id, itemId, at, reason, refId',
      sales: '&id, &no, day, at',
      deliveryNotes: '&id, villageId, deliveredAt',
      deliveryReceipts: '&noteId, receivedAt',
      cashDays: '&id, &day',
    });
  }
}

/**
 * Asks the browser not to evict our data under storage pressure. Chromium grants it to installed or
 * frequently used origins; the answer is shown to the operator together with the storage use.
 */
export async function requestPersistence(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<{ persisted: boolean; usage?: number; quota?: number }> {
  if (!storage?.persist) return { persisted: false };
  const persisted = (await storage.persisted?.()) || (await storage.persist());
  const estimate = await storage.estimate?.();
  return { persisted, usage: estimate?.usage, quota: estimate?.quota };
}
