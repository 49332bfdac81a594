import { KioskDb } from './db';
import { recordTraining, recentTrainings } from './training';
import { listVillagers, maskPhone, registerVillager } from './villagers';

let n = 0;
const freshDb = () => new KioskDb(`villagers-test-${n++}`);
const now = () => new Date('2026-03-01T08:30:00.000Z');

describe('villager registry', () => {
  it('records a consenting villager, its mutation for the county and the operator’s audit line together', async () => {
    const db = freshDb();
    const result = await registerVillager(
      db,
      { phone: '13912345678', name: ' 王大妈 ', consent: true, operatorId: 'op-1' },
      now,
    );
    if (!result.ok) throw new Error(result.code);
    expect(result.villager).toMatchObject({
      phone: '13912345678',
      name: '王大妈',
      consentAt: now().toISOString(),
    });
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => o.type)).toEqual(['villager.registered', 'audit.recorded']);
    expect(outbox[0]?.payload).toEqual({
      villagerId: result.villager.id,
      phone: '13912345678',
      name: '王大妈',
      consent: true,
      consentAt: '2026-03-01T08:30:00.000Z',
      operatorId: 'op-1',
    });
    expect(await db.auditLog.toArray()).toEqual([
      expect.objectContaining({ kind: 'villager.register', operatorId: 'op-1' }),
    ]);
  });

  it('records nothing without consent, or with a phone that is not a mobile number', async () => {
    const db = freshDb();
    expect(await registerVillager(db, { phone: '13912345678', consent: false, operatorId: 'op-1' })).toEqual({
      ok: false,
      code: 'NO_CONSENT',
    });
    expect(await registerVillager(db, { phone: '1391234567', consent: true, operatorId: 'op-1' })).toEqual({
      ok: false,
      code: 'INVALID',
    });
    expect(await db.villagers.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps one record per phone and names the existing one', async () => {
    const db = freshDb();
    await registerVillager(db, { phone: '13912345678', consent: true, operatorId: 'op-1' });
    const again = await registerVillager(db, {
      phone: '13912345678',
      name: '另一个',
      consent: true,
      operatorId: 'op-2',
    });
    expect(again).toMatchObject({
      ok: false,
      code: 'ALREADY_REGISTERED',
      villager: { phone: '13912345678' },
    });
    expect(await listVillagers(db)).toHaveLength(1);
    expect(await db.outbox.count()).toBe(2); // the first registration and its audit line only
  });

  it('masks a phone for the list', () => {
    expect(maskPhone('13912345678')).toBe('139 **** 5678');
  });
});

describe('training sessions', () => {
  it('records a session with its head count and the registered attendees', async () => {
    const db = freshDb();
    const result = await recordTraining(
      db,
      {
        topic: '手机网购入门',
        date: '2026-03-01',
        attendees: 12,
        attendeePhones: ['13912345678', '13912345678'],
        operatorId: 'op-1',
      },
      now,
    );
    if (!result.ok) throw new Error(result.field);
    expect(result.training.attendeePhones).toEqual(['13912345678']); // listed once
    const [mutation] = await db.outbox.orderBy('seq').toArray();
    expect(mutation).toMatchObject({
      type: 'training.attended',
      payload: {
        topic: '手机网购入门',
        attendees: 12,
        date: '2026-03-01',
        attendeePhones: ['13912345678'],
        operatorId: 'op-1',
      },
    });
    expect(await recentTrainings(db)).toHaveLength(1);
  });

  it('refuses a head count below the names listed, or no topic, and records nothing', async () => {
    const db = freshDb();
    const base = { topic: '直播带货', date: '2026-03-01', attendeePhones: [], operatorId: 'op-1' };
    expect(
      await recordTraining(db, { ...base, attendees: 1, attendeePhones: ['13912345678', '13812345678'] }),
    ).toEqual({ ok: false, code: 'INVALID', field: 'attendees' });
    expect(await recordTraining(db, { ...base, topic: '  ', attendees: 3 })).toEqual({
      ok: false,
      code: 'INVALID',
      field: 'topic',
    });
    expect(await recordTraining(db, { ...base, attendees: 0 })).toMatchObject({
      ok: false,
      field: 'attendees',
    });
    expect(await db.trainings.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
