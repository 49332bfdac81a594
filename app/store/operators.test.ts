import { KioskDb } from './db';
import { LOCK_MS, MAX_FAILURES, activeAccounts, attemptSignIn, lockStateOf } from './operators';
import { seedOperator } from './operators.testing';
import { saveIdentity } from './sync-state';

let n = 0;
const dbName = () => `operators-test-${n++}`;

/** A clock the test moves by hand. */
function clockAt(iso: string) {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => (t += ms),
    set: (iso2: string) => (t = Date.parse(iso2)),
  };
}

describe('operator sign-in on the terminal', () => {
  it('signs in with the right PIN and audits it under the operator id, for the county', async () => {
    const db = new KioskDb(dbName());
    await seedOperator(db, { id: 'op-1', name: '王芳', pin: '123456' });
    const result = await attemptSignIn(db, 'op-1', '123456');
    expect(result).toEqual({ ok: true, operator: { id: 'op-1', name: '王芳', role: 'operator' } });
    const [line] = await db.auditLog.toArray();
    expect(line).toMatchObject({ kind: 'operator.signin', operatorId: 'op-1' });
    const [queued] = await db.outbox.toArray();
    expect(queued).toMatchObject({
      type: 'audit.recorded',
      payload: { kind: 'operator.signin', operatorId: 'op-1' },
    });
  });

  it('counts down the tries left, then locks the account for five minutes after the fifth wrong PIN', async () => {
    const db = new KioskDb(dbName());
    const clock = clockAt('2026-03-01T08:00:00Z');
    await seedOperator(db, { id: 'op-1', name: '王芳', pin: '123456' });
    for (let i = 1; i < MAX_FAILURES; i++)
      expect(await attemptSignIn(db, 'op-1', '654321', clock.now)).toEqual({
        ok: false,
        reason: 'wrong-pin',
        attemptsLeft: MAX_FAILURES - i,
      });
    const until = clock.now().getTime() + LOCK_MS;
    expect(await attemptSignIn(db, 'op-1', '654321', clock.now)).toEqual({
      ok: false,
      reason: 'locked',
      until,
    });

    // Even the right PIN is refused while locked.
    clock.advance(LOCK_MS - 1000);
    expect(await attemptSignIn(db, 'op-1', '123456', clock.now)).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    clock.advance(1000);
    expect(await attemptSignIn(db, 'op-1', '123456', clock.now)).toMatchObject({ ok: true });
    // …and a good sign-in starts the count afresh.
    expect(await lockStateOf(db, 'op-1', clock.now().getTime())).toEqual({ failures: 0 });
    const kinds = (await db.auditLog.orderBy('at').toArray()).map((a) => a.kind);
    expect(kinds.filter((k) => k === 'operator.wrong_pin')).toHaveLength(4);
    expect(kinds).toContain('operator.locked_out');
    expect(kinds).toContain('operator.signin_locked');
  });

  it('keeps the lock across a reload of the kiosk (it is stored, not in memory)', async () => {
    const name = dbName();
    const clock = clockAt('2026-03-01T08:00:00Z');
    const first = new KioskDb(name);
    await seedOperator(first, { id: 'op-1', name: '王芳', pin: '123456' });
    for (let i = 0; i < MAX_FAILURES; i++) await attemptSignIn(first, 'op-1', '000000', clock.now);
    first.close();
    const reopened = new KioskDb(name);
    expect(await attemptSignIn(reopened, 'op-1', '123456', clock.now)).toMatchObject({ reason: 'locked' });
  });

  it('never locks longer than five minutes from now when the device clock jumps backwards', async () => {
    const db = new KioskDb(dbName());
    const clock = clockAt('2026-03-01T08:00:00Z');
    await seedOperator(db, { id: 'op-1', name: '王芳', pin: '123456' });
    for (let i = 0; i < MAX_FAILURES; i++) await attemptSignIn(db, 'op-1', '000000', clock.now);
    clock.set('2025-01-01T08:00:00Z'); // the clock battery died
    const lock = await lockStateOf(db, 'op-1', clock.now().getTime());
    expect(lock.lockedUntil).toBe(clock.now().getTime() + LOCK_MS);
    clock.advance(LOCK_MS);
    expect(await attemptSignIn(db, 'op-1', '123456', clock.now)).toMatchObject({ ok: true });
  });

  it('locks one account without locking the others', async () => {
    const db = new KioskDb(dbName());
    await seedOperator(db, { id: 'op-1', name: '王芳', pin: '123456' });
    await seedOperator(db, { id: 'op-2', name: '李强', pin: '222222', role: 'technician' });
    for (let i = 0; i < MAX_FAILURES; i++) await attemptSignIn(db, 'op-1', '000000');
    expect(await attemptSignIn(db, 'op-2', '222222')).toMatchObject({
      ok: true,
      operator: { role: 'technician' },
    });
  });

  it('refuses a deactivated account and lists only active ones', async () => {
    const db = new KioskDb(dbName());
    await seedOperator(db, { id: 'op-1', name: '王芳', pin: '123456', active: false });
    await seedOperator(db, { id: 'op-2', name: '李强', pin: '222222' });
    expect(await attemptSignIn(db, 'op-1', '123456')).toEqual({ ok: false, reason: 'no-account' });
    expect(await attemptSignIn(db, 'nobody', '123456')).toEqual({ ok: false, reason: 'no-account' });
    expect((await activeAccounts(db)).map((a) => a.id)).toEqual(['op-2']);
  });
});

describe('accounts and the village the terminal belongs to', () => {
  it('drops the old village’s accounts when the terminal is enrolled for another village', async () => {
    const db = new KioskDb(dbName());
    await saveIdentity(db, { deviceId: 'd1', villageId: 'v-old' });
    await seedOperator(db, { id: 'op-1', name: '王芳', pin: '123456', villageId: 'v-old' });
    await saveIdentity(db, { deviceId: 'd2', villageId: 'v-new' });
    expect(await activeAccounts(db)).toEqual([]);
  });
});
