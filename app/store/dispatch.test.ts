import { mutationSchemas } from '../../sync/protocol';
import { KioskDb } from './db';
import { awaitingCollection, recordDispatch, returnsFor } from './dispatch';
import type { ParcelRow } from './parcels';
import { recordShipment, type ShipmentInput } from './shipments';

let n = 0;
const freshDb = () => new KioskDb(`dispatch-test-${n++}`);
const NOW = new Date('2026-11-28T09:30:00+08:00');
const DAY = 24 * 3600_000;

const shipment = (carrier: string): ShipmentInput => ({
  sender: { name: '张三', phone: '13812345678' },
  recipient: {
    name: '李四',
    phone: '13987654321',
    province: '湖北省',
    city: '武汉市',
    county: '洪山区',
    address: '珞喻路1037号',
  },
  carrier,
  weightGrams: 1200,
  feeFen: 1200,
  operatorId: 'op-1',
});

/** A parcel as intake stores it, `daysAgo` days before NOW (the default limit is 7 days). */
const parcel = (id: string, carrier: string, daysAgo: number): ParcelRow => ({
  id,
  waybill: `WB${id}`,
  carrier,
  phone: '13600000000',
  location: { kind: 'shelf', code: '3-1-3001' },
  codeHash: `hash-${id}`,
  status: 'stored',
  storedAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
  mutationId: `m-${id}`,
});

async function setUp() {
  const db = freshDb();
  const ids: string[] = [];
  for (const carrier of ['中通快递', '中通快递', '顺丰速运']) {
    const r = await recordShipment(db, shipment(carrier));
    if (!r.ok) throw new Error(r.error.message);
    ids.push(r.shipment.id);
  }
  await db.parcels.bulkAdd([
    parcel('p-old', '中通', 10),
    parcel('p-new', '中通', 1),
    parcel('p-sf', '顺丰', 10),
  ]);
  return { db, ids };
}

describe('dispatch manifests', () => {
  it('lists what the chosen carrier’s courier takes: its waiting shipments and its overdue parcels', async () => {
    const { db, ids } = await setUp();
    expect((await awaitingCollection(db, '中通快递')).map((s) => s.id)).toEqual([ids[0], ids[1]]);
    expect((await returnsFor(db, '中通快递', NOW)).map((o) => o.parcel.id)).toEqual(['p-old']);
    expect((await returnsFor(db, '顺丰速运', NOW)).map((o) => o.parcel.id)).toEqual(['p-sf']);
  });

  it('hands over shipments and returns parcels in one transaction with its outbox mutation', async () => {
    const { db, ids } = await setUp();
    const outboxBefore = await db.outbox.count();
    const r = await recordDispatch(
      db,
      {
        carrier: '中通快递',
        shipmentIds: [ids[0]!, ids[1]!],
        returnedParcelIds: ['p-old'],
        operatorId: 'op-1',
      },
      { now: () => NOW },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(await db.dispatchManifests.get(r.manifest.id)).toEqual(r.manifest);
    const entry = await db.outbox.get(r.manifest.mutationId);
    expect(entry?.type).toBe('dispatch.handed_over');
    expect(mutationSchemas['dispatch.handed_over'].parse(entry!.payload)).toEqual({
      manifestId: r.manifest.id,
      carrier: '中通快递',
      shipmentIds: [ids[0], ids[1]],
      returnedParcelIds: ['p-old'],
      operatorId: 'op-1',
    });
    // The manifest's own mutation, its audit line and the parcel return's (parcels/overdue.ts).
    expect(await db.outbox.count()).toBe(outboxBefore + 3);
    expect(await db.auditLog.where('kind').equals('dispatch.handover').toArray()).toEqual([
      expect.objectContaining({
        operatorId: 'op-1',
        detail: { manifestId: r.manifest.id, carrier: '中通快递', shipments: 2, returned: 1 },
      }),
    ]);
    expect(await awaitingCollection(db, '中通快递')).toEqual([]);
    expect((await db.shipments.get(ids[0]!))?.manifestId).toBe(r.manifest.id);
    expect((await db.parcels.get('p-old'))?.status).toBe('returned');
    expect(await returnsFor(db, '中通快递', NOW)).toEqual([]);
    // The other carrier's shipment still waits.
    expect((await awaitingCollection(db, '顺丰速运')).map((s) => s.id)).toEqual([ids[2]]);
  });

  it('refuses an empty manifest', async () => {
    const { db } = await setUp();
    const r = await recordDispatch(db, {
      carrier: '中通快递',
      shipmentIds: [],
      returnedParcelIds: [],
      operatorId: 'op-1',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'EMPTY' } });
    expect(await db.dispatchManifests.count()).toBe(0);
  });

  it('changes nothing when one shipment was already handed over or is another carrier’s', async () => {
    const { db, ids } = await setUp();
    const first = await recordDispatch(db, {
      carrier: '中通快递',
      shipmentIds: [ids[0]!],
      returnedParcelIds: [],
      operatorId: 'op-1',
    });
    expect(first.ok).toBe(true);
    const outbox = await db.outbox.count();
    for (const shipmentIds of [
      [ids[1]!, ids[0]!],
      [ids[1]!, ids[2]!],
    ]) {
      const again = await recordDispatch(db, {
        carrier: '中通快递',
        shipmentIds,
        returnedParcelIds: [],
        operatorId: 'op-1',
      });
      expect(again).toMatchObject({ ok: false, error: { code: 'SHIPMENT_GONE', id: shipmentIds[1] } });
    }
    expect(await db.outbox.count()).toBe(outbox);
    expect((await db.shipments.get(ids[1]!))?.manifestId).toBeUndefined();
    expect(await db.dispatchManifests.count()).toBe(1);
  });

  it('changes nothing when a parcel to return was collected meanwhile', async () => {
    const { db, ids } = await setUp();
    await db.parcels.update('p-old', { status: 'collected' });
    const outbox = await db.outbox.count();
    const r = await recordDispatch(db, {
      carrier: '中通快递',
      shipmentIds: [ids[0]!],
      returnedParcelIds: ['p-old'],
      operatorId: 'op-1',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'PARCEL_GONE', id: 'p-old' } });
    expect(await db.outbox.count()).toBe(outbox);
    expect((await db.shipments.get(ids[0]!))?.manifestId).toBeUndefined();
    expect(await db.dispatchManifests.count()).toBe(0);
  });
});
