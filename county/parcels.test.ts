/**
 * Parcels at the county: what kiosks push (stored with the SMS text, collected, returned on a
 * dispatch manifest), the admin list, and migration 0005 on a version-4 county holding parcels.
 */
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import type { MutationEnvelope } from '../sync/protocol';
import { markParcelsReturned } from './apply-parcels';
import type { Db } from './db';
import { provisionDevice } from './devices';
import { migrate } from './migrate';
import type { MutationDevice } from './mutation-context';
import { listParcels, parcelQuery } from './parcels';
import { pushMutations } from './push';
import { envelope, openTestDb } from './testing';

const county = seedCounties[0]!;
const [villageA, villageB] = county.townships[0]!.villages;

const stored = (parcelId: string, waybill: string, smsText?: string) => ({
  parcelId,
  waybill,
  carrier: '中通快递',
  phone: '13912345678',
  location: { kind: 'locker', board: 1, lock: 3 },
  ...(smsText ? { smsText } : {}),
});

describe('parcels at the county', () => {
  let db: Db;
  let a: MutationDevice;
  let b: MutationDevice;
  let seq = 0;
  const push = (device: MutationDevice, batch: MutationEnvelope[]) =>
    pushMutations(db, device, batch, 'push', silentLogger);
  const list = (q: Record<string, string> = {}) => listParcels(db, county.id, parcelQuery.parse(q));

  beforeAll(async () => {
    // Built at version 4 with a parcel in it, then migrated: 0005 must keep what was there.
    db = await openTestDb({ to: 4, seed: true });
    const da = await provisionDevice(db, villageA!.id, 'A');
    const dbb = await provisionDevice(db, villageB!.id, 'B');
    a = { id: da.deviceId, countyId: county.id, villageId: villageA!.id };
    b = { id: dbb.deviceId, countyId: county.id, villageId: villageB!.id };
    await push(a, [envelope('parcel.stored', stored('p-old', 'ZTOLD0001', '取件码 123456'), ++seq)]);
    const result = await migrate(db, silentLogger);
    expect(result.applied).toContain(5);
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps parcels and their queued SMS across migration 0005', async () => {
    expect(await list({ waybill: 'ZTOLD0001' })).toMatchObject([
      { id: 'p-old', status: 'stored', sms: 'pending', returnedAt: null },
    ]);
  });

  it('records a collection once: a resent mutation is a duplicate, a second collection is refused', async () => {
    await push(a, [envelope('parcel.stored', stored('p1', 'ZT00000001', '取件码 654321'), ++seq)]);
    const collected = envelope('parcel.collected', { parcelId: 'p1', method: 'code' }, ++seq);
    expect((await push(a, [collected]))[0]?.status).toBe('applied');
    expect((await push(a, [collected]))[0]?.status).toBe('duplicate');
    const again = await push(a, [envelope('parcel.collected', { parcelId: 'p1', method: 'code' }, ++seq)]);
    expect(again[0]).toMatchObject({ status: 'rejected' });
    // The unsent pickup SMS was dropped: nobody is told to fetch a parcel already gone.
    expect(await list({ waybill: 'ZT00000001' })).toMatchObject([
      { status: 'collected', collectMethod: 'code', sms: null },
    ]);
  });

  it('marks parcels returned on a dispatch manifest, only in the device’s own village', async () => {
    await push(a, [envelope('parcel.stored', stored('p2', 'ZT00000002', '取件码 111222'), ++seq)]);
    await db.transaction((tx) =>
      markParcelsReturned(
        { tx, device: a, mutationId: 'm-ret', at: '2026-11-20T08:00:00.000Z' },
        ['p2'],
        'man-1',
      ),
    );
    expect(await list({ waybill: 'ZT00000002' })).toMatchObject([
      { status: 'returned', returnManifestId: 'man-1', returnedAt: '2026-11-20T08:00:00.000Z', sms: null },
    ]);
    // Another village's device cannot return it, and a returned parcel cannot be collected.
    await expect(
      db.transaction((tx) =>
        markParcelsReturned(
          { tx, device: b, mutationId: 'm-x', at: '2026-11-20T08:00:00.000Z' },
          ['p-old'],
          'man-2',
        ),
      ),
    ).rejects.toThrow(/不属于本村/);
    const late = await push(a, [envelope('parcel.collected', { parcelId: 'p2', method: 'code' }, ++seq)]);
    expect(late[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('退回') as unknown });
  });

  it('lists by village and status for the county console', async () => {
    const mine = await list({ villageId: villageA!.id, status: 'stored' });
    expect(mine.map((p) => p.id)).toEqual(['p-old']);
    expect(await list({ villageId: villageB!.id })).toEqual([]);
  });
});
