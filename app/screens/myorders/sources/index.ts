/**
 * The record sources 我的订单 reads, one per kind. Add a service's source here when its store lands;
 * each source is independent, so one that fails to read does not hide the others (MyOrdersScreen).
 */
import { orderSource } from './orders';
import type { MyRecord, RecordSource } from './types';

export type { MyRecord, RecordKind, RecordSource, Said, Tone } from './types';

export const recordSources: readonly RecordSource[] = [orderSource];

/** Newest first across kinds; the key breaks ties so the list never reshuffles between renders. */
export function compareRecords(a: MyRecord, b: MyRecord): number {
  return Date.parse(b.at) - Date.parse(a.at) || a.key.localeCompare(b.key);
}
