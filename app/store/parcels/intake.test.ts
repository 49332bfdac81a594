import { KioskDb } from '../db';
import { codeSalt } from './records';
import { hashCode } from './codes';
import { intakeToShelf, pickupSmsText } from './intake';
import { verifyCode } from './pickup';

let n = 0;
/** Replays 32-bit words as the random source: word w draws code w (below 10^6). */
const words = (...ws: number[]) => {
  let i = 0;
  return (b: Uint8Array<ArrayBuffer>) => {
    const w = ws[Math.min(i++, ws.length - 1)]!;
    b.set([(w >>> 24) & 255, (w >>> 16) & 255, (w >>> 8) & 255, w & 255]);
    return b;
  };
};
const input = (waybill: string) => ({
  waybill,
  carrier: '中通快递',
  phone: '13912345678',
  rack: 2,
  layer: 3,
});

describe('intake (store rules, shelf path)', () => {
  it('never gives a waiting parcel’s code to a new one, but may reuse a collected parcel’s', async () => {
    const db = new KioskDb(`intake-${n++}`);
    const first = await intakeToShelf(db, input('ZT000001'), { random: words(111111) });
    expect(first).toMatchObject({ ok: true, code: '111111' });
    // 111111 is taken while the first parcel waits: the next candidate is used.
    const second = await intakeToShelf(db, input('ZT000002'), { random: words(111111, 222222) });
    expect(second).toMatchObject({ ok: true, code: '222222' });
    await db.parcels.update(first.ok ? first.parcel.id : '', { status: 'collected' });
    const third = await intakeToShelf(db, input('ZT000003'), { random: words(111111) });
    expect(third).toMatchObject({ ok: true, code: '111111' });
  });

  it('stores the code hashed with the device salt and puts it only in the SMS text', async () => {
    const db = new KioskDb(`intake-${n++}`);
    const r = await intakeToShelf(db, input('ZT000010'), {
      random: words(424242),
      pointName: '青山村服务点',
    });
    if (!r.ok) throw new Error(r.error.message);
    const salt = await db.transaction('rw', db.meta, () => codeSalt(db));
    expect(r.parcel.codeHash).toBe(await hashCode(salt, '424242'));
    expect(r.parcel.location).toEqual({ kind: 'shelf', code: '2-3-2001' });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      type: 'parcel.stored',
      payload: { parcelId: r.parcel.id, location: { kind: 'shelf', code: '2-3-2001' } },
    });
    expect((entry?.payload as { smsText: string }).smsText).toBe(
      pickupSmsText({
        carrier: '中通快递',
        waybill: 'ZT000010',
        code: '424242',
        keepDays: 7,
        pointName: '青山村服务点',
      }),
    );
    expect(JSON.stringify(await db.parcels.toArray())).not.toContain('424242');
    expect(await verifyCode(db, '424242')).toMatchObject({
      ok: true,
      items: [{ parcel: { id: r.parcel.id } }],
    });
  });

  it('refuses a duplicate waybill and bad input without writing anything', async () => {
    const db = new KioskDb(`intake-${n++}`);
    expect((await intakeToShelf(db, input('ZT000020'))).ok).toBe(true);
    const before = await db.outbox.count();
    expect(await intakeToShelf(db, input('ZT000020'))).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE' },
    });
    expect(await intakeToShelf(db, { ...input('ZT000021'), phone: '1391234' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID', field: 'phone' },
    });
    expect(await intakeToShelf(db, { ...input('Z1'), phone: '13912345678' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID', field: 'waybill' },
    });
    expect(await db.outbox.count()).toBe(before);
    expect(await db.parcels.count()).toBe(1);
  });

  it('keeps the SMS within the protocol’s 300 characters whatever the names', () => {
    const text = pickupSmsText({
      carrier: '很长的快递公司名字'.repeat(20),
      waybill: 'X'.repeat(40),
      code: '123456',
      keepDays: 60,
      pointName: '村'.repeat(100),
    });
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toContain('123456');
  });
});
