/**
 * Parcels the villager sent from the point (寄件) for 我的订单, with the county's tracking (物流跟踪):
 * the same status words as 我的寄件 (send.status.*), and the latest tracking events.
 */
import { formatShipmentNo, shipmentsByPhone, type ShipmentView } from '../../../store/shipments';
import type { MyRecord, RecordSource, Said, Tone } from './types';

/** Where a shipment stands: the county's tracking status, else handed over, else waiting at the point. */
const statusOf = (s: ShipmentView): string =>
  s.tracking?.status ?? (s.manifestId ? 'handed_over' : 'waiting');

const toneOf = (status: string): Tone =>
  status === 'delivered' ? 'good' : status === 'returned' || status === 'exception' ? 'bad' : 'wait';

/** The newest events first, at most this many: the row stays a row, 我的寄件 has the whole trail. */
const EVENTS_SHOWN = 2;

export const shipmentSource: RecordSource = {
  kind: 'shipment',
  load: async (db, phone) =>
    (await shipmentsByPhone(db, phone)).map((s) => {
      const status = statusOf(s);
      const events: Said[] = [...(s.tracking?.events ?? [])]
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
        .slice(0, EVENTS_SHOWN)
        .map((e) => ({
          key: 'myOrders.shipment.event',
          values: {
            time: { time: e.at },
            status: { key: `send.status.${e.status}`, values: { defaultValue: e.status } },
            place: e.place ?? '',
          },
        }));
      return {
        key: `shipment:${s.id}`,
        kind: 'shipment',
        at: s.createdAt,
        title: {
          key: 'myOrders.shipment.title',
          values: { no: formatShipmentNo(s.no), carrier: s.carrier, name: s.recipient.name },
        },
        status: { key: `send.status.${status}`, values: { defaultValue: status }, tone: toneOf(status) },
        amountFen: s.feeFen,
        details: [...events, ...(s.tracking?.note ? [{ text: s.tracking.note }] : [])],
      } satisfies MyRecord;
    }),
};
