/**
 * Sending parcels at the county (issue 6): the courier's collection as kiosks push it, and the
 * tracking events county staff record, published to the shipment's own village only. On PGlite
 * (or PostgreSQL with DATABASE_URL), through the real push path and admin routes.
 */
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import { parseChange, type MutationEnvelope, type MutationPayload } from '../sync/protocol';
import type { Db } from './db';
import { provisionDevice } from './devices';
import { readChanges, type ChangeRow } from './feed';
import type { MutationDevice } from './mutation-context';
import { pushMutations } from './push';
import type { CountyServer } from './server';
import { envelope, oneOfEach, openTestDb } from './testing';
import { ADMIN_HEADERS as admin, testCountyServer } from './testing-server';

const county = seedCounties[0]!;
const [villageA, villageB] = county.townships[0]!.villages;
const base = `/api/v1/admin/counties/${county.id}`;
const NOW = new Date('2026-03-01T08:00:00.000Z');

const sent = (shipmentId: string): MutationPayload<'parcel.sent'> => ({
  ...(oneOfEach('x').find((m) => m.type === 'parcel.sent')!.payload as MutationPayload<'parcel.sent'>),
  shipmentId,
});
const handedOver = (
  manifestId: string,
  shipmentIds: string[],
  returnedParcelIds: string[] = [],
): MutationPayload<'dispatch.handed_over'> => ({
  manifestId,
  carrier: '邮政',
  shipmentIds,
  returnedParcelIds,
  operatorId: 'op-1',
});

describe('shipments at the county', () => {
  let db: Db;
  let app: CountyServer;
  let a: MutationDevice;
  let b: MutationDevice;
  let seq = 0;
  const push = (device: MutationDevice, batch: MutationEnvelope[]) =>
    pushMutations(db, device, batch, 'push', silentLogger);
  const one = (type: string, payload: unknown) => envelope(type, payload, ++seq);
  async function feedFor(villageId: string): Promise<ChangeRow[]> {
    const all: ChangeRow[] = [];
    for (let cursor = '0', more = true; more;) {
      const page = await readChanges(db, { countyId: county.id, villageId, cursor, limit: 1000 });
      all.push(...page.changes);
      cursor = page.cursor;
      more = page.hasMore;
    }
    return all.filter((c) => c.entity === 'request_status');
  }

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    app = testCountyServer(db, { now: () => NOW });
    const da = await provisionDevice(db, villageA!.id, 'A');
    const dbb = await provisionDevice(db, villageB!.id, 'B');
    a = { id: da.deviceId, countyId: county.id, villageId: villageA!.id };
    b = { id: dbb.deviceId, countyId: county.id, villageId: villageB!.id };
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('records a dispatch manifest, marks its shipments handed over and its overdue parcels returned', async () => {
    const stored = oneOfEach('back').find((m) => m.type === 'parcel.stored')!
      .payload as MutationPayload<'parcel.stored'>;
    expect((await push(a, [one('parcel.stored', { ...stored, parcelId: 'p-back' })]))[0]?.status).toBe(
      'applied',
    );
    const acks = await push(a, [
      one('parcel.sent', sent('s-1')),
      one('parcel.sent', sent('s-2')),
      one('dispatch.handed_over', handedOver('dm-1', ['s-1', 's-2'], ['p-back'])),
    ]);
    expect(acks.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
    expect(acks[2]!.result).toEqual({ manifestId: 'dm-1', shipments: 2, returned: 1 });
    expect(
      await db.query(`SELECT id, status, manifest_id FROM shipments WHERE id IN ('s-1', 's-2') ORDER BY id`),
    ).toEqual([
      { id: 's-1', status: 'handed_over', manifest_id: 'dm-1' },
      { id: 's-2', status: 'handed_over', manifest_id: 'dm-1' },
    ]);
    expect(
      await db.query(
        `SELECT village_id, carrier, shipment_ids, returned_parcel_ids FROM dispatch_manifests WHERE id = 'dm-1'`,
      ),
    ).toEqual([
      {
        village_id: villageA!.id,
        carrier: '邮政',
        shipment_ids: ['s-1', 's-2'],
        returned_parcel_ids: ['p-back'],
      },
    ]);
    expect(await db.query(`SELECT status, return_manifest_id FROM parcels WHERE id = 'p-back'`)).toEqual([
      { status: 'returned', return_manifest_id: 'dm-1' },
    ]);
  });

  it('refuses a manifest returning a parcel already collected, and records nothing of it', async () => {
    const stored = oneOfEach('gone').find((m) => m.type === 'parcel.stored')!
      .payload as MutationPayload<'parcel.stored'>;
    await push(a, [
      one('parcel.stored', { ...stored, parcelId: 'p-gone' }),
      one('parcel.collected', { parcelId: 'p-gone', method: 'code' }),
    ]);
    const [ack] = await push(a, [one('dispatch.handed_over', handedOver('dm-gone', [], ['p-gone']))]);
    expect(ack).toMatchObject({ status: 'rejected', reason: expect.stringContaining('被取走') as unknown });
    expect(await db.query(`SELECT 1 FROM dispatch_manifests WHERE id = 'dm-gone'`)).toEqual([]);
  });

  it('refuses a shipment handed over twice, unknown, or of another village — and records nothing', async () => {
    await push(b, [one('parcel.sent', sent('s-of-b'))]);
    const acks = await push(a, [
      one('parcel.sent', sent('s-3')),
      one('dispatch.handed_over', handedOver('dm-2', ['s-3', 's-1'])),
      one('dispatch.handed_over', handedOver('dm-3', ['s-nope'])),
      one('dispatch.handed_over', handedOver('dm-4', ['s-of-b'])),
    ]);
    expect(acks.map((x) => x.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected']);
    expect(acks[1]!.reason).toMatch(/already handed over/);
    expect(acks[2]!.reason).toMatch(/unknown shipment/);
    expect(acks[3]!.reason).toMatch(/another village/);
    expect(await db.query(`SELECT manifest_id FROM shipments WHERE id = 's-3'`)).toEqual([
      { manifest_id: null },
    ]);
    expect(await db.query(`SELECT id FROM dispatch_manifests WHERE id IN ('dm-2', 'dm-3', 'dm-4')`)).toEqual(
      [],
    );
  });

  it('records tracking events and publishes the status to the shipment’s village only', async () => {
    const post = (id: string, payload: object) =>
      app.inject({ method: 'POST', url: `${base}/shipments/${id}/events`, headers: admin, payload });
    const collected = await post('s-1', {
      status: 'collected',
      place: '潜江',
      at: '2026-03-01T09:00:00+08:00',
    });
    expect(collected.statusCode).toBe(201);
    const moving = await post('s-1', { status: 'in_transit', place: '武汉转运中心', note: '已发往武汉' });
    expect(moving.json()).toMatchObject({ id: 's-1', status: 'in_transit' });

    const mine = (await feedFor(villageA!.id)).filter((c) => c.id === 'shipment:s-1');
    expect(mine).toHaveLength(2);
    const last = parseChange({ ...mine[1]!, op: 'upsert' });
    if (!last.ok) throw new Error(last.reason);
    expect(last.change.data).toEqual({
      kind: 'shipment',
      requestId: 's-1',
      status: 'in_transit',
      note: '已发往武汉',
      amountFen: null,
      detail: {
        events: [
          { status: 'collected', place: '潜江', note: null, at: '2026-03-01T01:00:00.000Z' },
          { status: 'in_transit', place: '武汉转运中心', note: '已发往武汉', at: NOW.toISOString() },
        ],
      },
    });
    expect((await feedFor(villageB!.id)).filter((c) => c.id === 'shipment:s-1')).toEqual([]);
    expect(await db.query(`SELECT status FROM shipments WHERE id = 's-1'`)).toEqual([
      { status: 'in_transit' },
    ]);
  });

  it('keeps the latest event by the carrier’s time as the status when one is entered late', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${base}/shipments/s-1/events`,
      headers: admin,
      payload: { status: 'collected', at: '2026-02-28T09:00:00+08:00', note: '补录' },
    });
    expect(res.json()).toMatchObject({ status: 'in_transit' });
    expect(res.json<{ events: unknown[] }>().events).toHaveLength(3);
  });

  it('answers a bad status, an unknown shipment and a missing token clearly, changing nothing', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM shipment_events`);
    const bad = await app.inject({
      method: 'POST',
      url: `${base}/shipments/s-1/events`,
      headers: admin,
      payload: { status: 'teleported' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/status/) as string },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: `${base}/shipments/s-nope/events`,
      headers: admin,
      payload: { status: 'collected' },
    });
    expect(unknown.statusCode).toBe(404);
    const anonymous = await app.inject({
      method: 'POST',
      url: `${base}/shipments/s-1/events`,
      payload: { status: 'collected' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await db.query(`SELECT count(*)::int AS n FROM shipment_events`)).toEqual(before);
  });

  it('keeps the carrier’s status when a manifest arrives after tracking events (a kiosk that was offline)', async () => {
    await push(a, [one('parcel.sent', sent('s-late'))]);
    await app.inject({
      method: 'POST',
      url: `${base}/shipments/s-late/events`,
      headers: admin,
      payload: { status: 'collected' },
    });
    const [ack] = await push(a, [one('dispatch.handed_over', handedOver('dm-late', ['s-late']))]);
    expect(ack?.status).toBe('applied');
    expect(await db.query(`SELECT status, manifest_id FROM shipments WHERE id = 's-late'`)).toEqual([
      { status: 'collected', manifest_id: 'dm-late' },
    ]);
  });

  it('shows a shipment with its events to county staff', async () => {
    const res = await app.inject({ method: 'GET', url: `${base}/shipments/s-1`, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 's-1',
      villageId: villageA!.id,
      manifestId: 'dm-1',
      carrier: '邮政',
    });
  });
});
