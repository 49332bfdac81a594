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
 * Text to show, with no language in the source: an i18n key and its values (a value may itself be
 * Said, e.g. a kind's name inside a line), text that is data shown as it came (a note the county
 * wrote, a product's name), or a day / a moment that the screen formats for the current language.
 */
export type Said =
  | { key: string; values?: Record<string, string | number | Said> }
  | { text: string }
  | { day: string } // YYYY-MM-DD
  | { time: string }; // ISO

/** How a status reads at a glance: still on its way, done well, or needs the staff. */
export type Tone = 'wait' | 'good' | 'bad';

export interface MyRecord {
  /** Unique across sources: `<kind>:<id>`. */
  key: string;
  kind: RecordKind;
  /** When it happened (device time, ISO): for newest-first ordering and the date shown; none sorts last. */
  at?: string;
  /** A short name for it, e.g. 订单 0012 · 尿素 等 2 种. */
  title: Said;
  /** `values.defaultValue` is what shows for a status this kiosk has no words for yet. */
  status: { key: string; values?: Record<string, string | number | Said>; tone: Tone };
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
