import { KioskDb } from '../db';
import { hashCode } from './codes';
import { keypadLockedUntil, parcelsByPhoneTail, verifyCode } from './pickup';
import { LOCK_MS } from './lockout';
import { codeSalt } from './records';
import type { ParcelRow } from './types';

let n = 0;
const at = new Date('2026-11-20T10:00:00.000Z');

async function seed(
  db: KioskDb,
  rows: { id: string; code: string; phone?: string; status?: ParcelRow['status']; storedAt?: string }[],
) {
  const salt = await db.transaction('rw', db.meta, () => codeSalt(db));
  for (const r of rows) {
    await db.parcels.add({
      id: r.id,
      waybill: `W${r.id}0000`,
      carrier: '韵达',
      phone: r.phone ?? '13912345678',
      location: { kind: 'locker', compartmentId: `A0${r.id.slice(-1)}`, board: 1, lock: 1, size: 'S' },
      codeHash: await hashCode(salt, r.code),
      status: r.status ?? 'stored',
      storedAt: r.storedAt ?? '2026-11-19T10:00:00.000Z',
      mutationId: `m${r.id}`,
    });
  }
}

describe('verifyCode', () => {
  it('finds the parcel of a code and every other parcel waiting for the same phone, oldest next', async () => {
    const db = new KioskDb(`pickup-${n++}`);
    await seed(db, [
      { id: 'p1', code: '111111' },
      { id: 'p2', code: '222222', storedAt: '2026-11-18T10:00:00.000Z' },
      { id: 'p3', code: '333333', phone: '13700000000' },
      { id: 'p4', code: '444444', status: 'collected' },
    ]);
    const r = await verifyCode(db, '111111', () => at);
    expect(r.ok && r.items.map((i) => i.parcel.id)).toEqual(['p1', 'p2']);
  });

  it('locks the keypad after 5 wrong codes, keeps it locked across a reload, and tells the operator', async () => {
    const name = `pickup-${n++}`;
    const db = new KioskDb(name);
    await seed(db, [{ id: 'p1', code: '111111' }]);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await verifyCode(db, `00000${i}`, () => at));
    expect(results.slice(0, 4).map((r) => !r.ok && r.reason === 'wrong' && r.triesLeft)).toEqual([
      4, 3, 2, 1,
    ]);
    expect(results[4]).toMatchObject({ ok: false, reason: 'locked', until: at.getTime() + LOCK_MS });
    db.close();

    const reloaded = new KioskDb(name);
    // Even the right code is refused while locked.
    expect(await verifyCode(reloaded, '111111', () => new Date(at.getTime() + 60_000))).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    expect(await keypadLockedUntil(reloaded, at)).toBe(at.getTime() + LOCK_MS);
    const lockAudit = (await reloaded.auditLog.toArray()).filter((a) => a.kind === 'pickup.lockout');
    expect(lockAudit).toHaveLength(1);
    expect(await reloaded.outbox.filter((e) => e.type === 'audit.recorded').count()).toBe(1);
    // After 5 minutes the right code works again.
    const later = await verifyCode(reloaded, '111111', () => new Date(at.getTime() + LOCK_MS));
    expect(later.ok).toBe(true);
  });

  it('finds waiting parcels by the last four digits of the phone for the lost-code fallback', async () => {
    const db = new KioskDb(`pickup-${n++}`);
    await seed(db, [
      { id: 'p1', code: '111111' },
      { id: 'p2', code: '222222', phone: '13700005678', status: 'collected' },
    ]);
    expect((await parcelsByPhoneTail(db, '5678')).map((p) => p.id)).toEqual(['p1']);
    expect(await parcelsByPhoneTail(db, '56')).toEqual([]);
  });
});
