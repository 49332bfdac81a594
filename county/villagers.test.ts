import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import type { MutationEnvelope } from '../sync/protocol';
import type { Db } from './db';
import { provisionDevice } from './devices';
import type { MutationDevice } from './mutation-context';
import { pushMutations } from './push';
import { buildCountyServer } from './server';
import { envelope, openTestDb, TEST_ADMIN_TOKEN } from './testing';
import { villageUsage } from './villagers';

const county = seedCounties[0]!;
const [villageA, villageB] = county.townships[0]!.villages;

const registration = (villagerId: string, phone: string, extra: Record<string, unknown> = {}) => ({
  villagerId,
  phone,
  consent: true,
  consentAt: '2026-03-01T08:00:00.000Z',
  operatorId: 'op-1',
  ...extra,
});

describe('villager registry and training attendance at the county', () => {
  let db: Db;
  let a: MutationDevice;
  let a2: MutationDevice;
  let b: MutationDevice;
  let seq = 0;
  const push = (device: MutationDevice, type: string, payload: unknown) =>
    pushMutations(db, device, [envelope(type, payload, ++seq)] as MutationEnvelope[], 'push', silentLogger);

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    const device = async (villageId: string) => ({
      id: (await provisionDevice(db, villageId, 't')).deviceId,
      countyId: county.id,
      villageId,
    });
    a = await device(villageA!.id);
    a2 = await device(villageA!.id);
    b = await device(villageB!.id);
  });
  afterAll(async () => {
    await db.close();
  });

  it('records a villager with the consent time, counted per village', async () => {
    const [ack] = await push(
      a,
      'villager.registered',
      registration('vr-1', '13900000001', { name: '王大妈' }),
    );
    expect(ack).toMatchObject({ status: 'applied', result: { villagerId: 'vr-1', status: 'registered' } });
    expect(
      await db.query(
        `SELECT phone, name, to_char(consent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS consent, village_id
         FROM villagers WHERE id = 'vr-1'`,
      ),
    ).toEqual([
      { phone: '13900000001', name: '王大妈', consent: '2026-03-01 08:00', village_id: villageA!.id },
    ]);
  });

  it('refuses a registration without consent, and records nothing', async () => {
    const [ack] = await push(
      a,
      'villager.registered',
      registration('vr-2', '13900000002', { consent: false }),
    );
    expect(ack?.status).toBe('rejected');
    const [noConsentAt] = await push(
      a,
      'villager.registered',
      registration('vr-3', '13900000003', { consentAt: undefined }),
    );
    expect(noConsentAt?.status).toBe('rejected');
    expect(await db.query(`SELECT id FROM villagers WHERE id IN ('vr-2', 'vr-3')`)).toEqual([]);
  });

  it('keeps one record per phone in a village: a second terminal registering it gets the first record', async () => {
    const [ack] = await push(
      a2,
      'villager.registered',
      registration('vr-4', '13900000001', { name: '别名' }),
    );
    expect(ack).toMatchObject({
      status: 'applied',
      result: { villagerId: 'vr-1', status: 'already-registered' },
    });
    // The first name stands; a missing name would have been filled in.
    expect(await db.query(`SELECT id, name FROM villagers WHERE phone = '13900000001'`)).toEqual([
      { id: 'vr-1', name: '王大妈' },
    ]);
  });

  it('counts the same phone in another village as another villager', async () => {
    const [ack] = await push(b, 'villager.registered', registration('vr-5', '13900000001'));
    expect(ack).toMatchObject({ status: 'applied', result: { status: 'registered' } });
  });

  it('keeps training attendance with the attendees’ phones, and still takes the old count-only shape', async () => {
    const [withNames] = await push(a, 'training.attended', {
      trainingId: 'tr-1',
      topic: '手机网购入门',
      attendees: 15,
      date: '2026-03-02',
      attendeePhones: ['13900000001'],
      operatorId: 'op-1',
    });
    const [countOnly] = await push(a, 'training.attended', {
      trainingId: 'tr-2',
      topic: '农产品上网',
      attendees: 8,
      date: '2026-03-03',
    });
    expect([withNames?.status, countOnly?.status]).toEqual(['applied', 'applied']);
    expect(
      await db.query(
        `SELECT id, attendees, attendee_phones, operator_id FROM trainings WHERE id IN ('tr-1', 'tr-2') ORDER BY id`,
      ),
    ).toEqual([
      { id: 'tr-1', attendees: 15, attendee_phones: ['13900000001'], operator_id: 'op-1' },
      { id: 'tr-2', attendees: 8, attendee_phones: null, operator_id: null },
    ]);
    const [tooMany] = await push(a, 'training.attended', {
      trainingId: 'tr-3',
      topic: 't',
      attendees: 1,
      date: '2026-03-03',
      attendeePhones: ['13900000001', '13900000002'],
    });
    expect(tooMany?.status).toBe('rejected');
  });

  it('reports registered villagers, trainings and trainees per village (also over the admin API)', async () => {
    const usage = await villageUsage(db, county.id);
    const app = buildCountyServer({
      db,
      logger: silentLogger,
      adminToken: TEST_ADMIN_TOKEN,
      adminUiDir: join(tmpdir(), 'none'),
      now: () => new Date(),
    });
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/counties/${county.id}/villager-usage`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    await app.close();
    expect(res.json()).toEqual(usage);
    expect(usage.find((u) => u.villageId === villageA!.id)).toEqual({
      villageId: villageA!.id,
      villagers: 1,
      trainings: 2,
      trainees: 23,
    });
    expect(usage.find((u) => u.villageId === villageB!.id)).toMatchObject({ villagers: 1, trainings: 0 });
  });
});
