/**
 * 我的订单 gathers what a villager did at the point from several services. Each kind of record has
 * one small adapter ("record source") that reads its own store module and says, in i18n keys, what
 * the record is and where it stands; the screen merges them newest first. A service that lands later
 * adds a source to the list in sources/index.ts and nothing else changes.
 */
import type { KioskDb } from '../../../store/db';

/** The kinds 我的订单 knows; the label is `myOrders.kinds.<kind>`. */
export type RecordKind = 'order' | 'produce' | 'bill' | 'ticket' | 'return' | 'parcel' | 'shipment';

/**
 * Text to show: an i18n key and its values (sources hold no language), or text that is data and is
 * shown as it came (a note the county wrote, a product's name).
 */
export type Said = { key: string; values?: Record<string, string | number> } | { text: string };

/** How a status reads at a glance: still on its way, done well, or needs the staff. */
export type Tone = 'wait' | 'good' | 'bad';

export interface MyRecord {
  /** Unique across sources: `<kind>:<id>`. */
  key: string;
  kind: RecordKind;
  /** When it happened (device time, ISO): for newest-first ordering and the date shown. */
  at: string;
  /** A short name for it, e.g. 订单 0012 · 尿素 等 2 种. */
  title: Said;
  status: { key: string; values?: Record<string, string | number>; tone: Tone };
  /** Money, in integer fen, when the record has an amount (shown as ¥12.50). */
  amountFen?: number;
  /** Further facts, one short line each (a note from the county, a settled amount…). */
  details: Said[];
}

export interface RecordSource {
  kind: RecordKind;
  /** Everything of this kind for the phone number; reads inside a live query, so keep it to reads. */
  load(db: KioskDb, phone: string): Promise<MyRecord[]>;
}
