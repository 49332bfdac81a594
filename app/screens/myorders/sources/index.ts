/**
 * The record sources 我的订单 reads, one per kind. Add a service's source here when its store lands;
 * each source is independent, so one that fails to read does not hide the others (MyOrdersScreen).
 */
import { orderSource } from './orders';
import { parcelSource } from './parcels';
import { billSource, produceSource, returnSource, ticketSource } from './requests';
import { shipmentSource } from './shipments';
import type { MyRecord, RecordSource } from './types';

export type { MyRecord, RecordKind, RecordSource, Said, Tone } from './types';

export const recordSources: readonly RecordSource[] = [
  orderSource,
  produceSource,
  billSource,
  ticketSource,
  returnSource,
  parcelSource,
  shipmentSource,
];

const timeOf = (r: MyRecord): number => {
  const t = r.at ? Date.parse(r.at) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
};

/** Newest first across kinds, undated last; the key breaks ties so the list never reshuffles. */
export function compareRecords(a: MyRecord, b: MyRecord): number {
  const ta = timeOf(a);
  const tb = timeOf(b);
  return ta === tb ? a.key.localeCompare(b.key) : tb > ta ? 1 : -1;
}
