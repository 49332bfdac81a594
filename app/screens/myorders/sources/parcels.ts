/**
 * Parcels for 我的订单: those stored here for the villager (to collect, collected, returned to the
 * courier) and those the county's manifests say are on their way. Where a parcel waits is not shown:
 * the pickup code opens it, and the list must not help someone else find it.
 */
import type { KioskDb } from '../../../store/db';
import type { ParcelRow } from '../../../store/parcels/types';
import type { MyRecord, RecordSource, Tone } from './types';

const STATUS: Record<ParcelRow['status'], { key: string; tone: Tone }> = {
  stored: { key: 'myOrders.parcel.toCollect', tone: 'good' },
  // A door open in flight or cut off by a power loss: still the villager's to collect until settled.
  opening: { key: 'myOrders.parcel.toCollect', tone: 'good' },
  collected: { key: 'myOrders.parcel.collected', tone: 'good' },
  returned: { key: 'myOrders.parcel.returned', tone: 'bad' },
};

const tail = (waybill: string) => waybill.slice(-4);

export const parcelSource: RecordSource = {
  kind: 'parcel',
  load: async (db: KioskDb, phone: string): Promise<MyRecord[]> =>
    db.transaction('r', [db.parcels, db.parcelManifests], async () => {
      const [parcels, manifests] = await Promise.all([
        db.parcels.where('phone').equals(phone).toArray(),
        db.parcelManifests.where('phone').equals(phone).toArray(),
      ]);
      const stored = new Set(parcels.map((p) => p.waybill));
      const here: MyRecord[] = parcels.map((p) => ({
        key: `parcel:${p.id}`,
        kind: 'parcel',
        at: p.collectedAt ?? p.returnedAt ?? p.storedAt,
        title: { key: 'myOrders.parcel.title', values: { carrier: p.carrier, tail: tail(p.waybill) } },
        status: STATUS[p.status],
        ...(p.feePaidFen ? { amountFen: p.feePaidFen } : {}),
        details:
          p.status === 'stored' || p.status === 'opening'
            ? [{ key: 'myOrders.parcel.since', values: { time: { time: p.storedAt } } }]
            : [],
      }));
      const coming: MyRecord[] = manifests
        .filter((m) => !stored.has(m.waybill))
        .map((m) => ({
          key: `manifest:${m.id}`,
          kind: 'parcel',
          ...(m.expectedAt ? { at: m.expectedAt } : {}),
          title: { key: 'myOrders.parcel.title', values: { carrier: m.carrier, tail: tail(m.waybill) } },
          status: { key: 'myOrders.parcel.expected', tone: 'wait' },
          details: m.expectedAt
            ? [{ key: 'myOrders.parcel.expectedAt', values: { time: { time: m.expectedAt } } }]
            : [],
        }));
      return [...here, ...coming];
    }),
};
