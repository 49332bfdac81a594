import { KioskDb } from './db';
import { pendingCount, recordAction } from './outbox';

let n = 0;
const freshDb = () => new KioskDb(`outbox-test-${n++}`);
const row = (id: string) => ({
  id,
  kind: 'print' as const,
  status: 'pending' as const,
  createdAt: '',
  ref: id,
});

describe('recordAction', () => {
  it('writes the domain row and its outbox entry together, numbered by a per-device sequence', async () => {
    const db = freshDb();
    const a = await recordAction(db, { table: 'sideEffects', row: row('a'), type: 'x', payload: { a: 1 } });
    const b = await recordAction(db, { table: 'sideEffects', row: row('b'), type: 'x', payload: { b: 1 } });
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(await db.sideEffects.count()).toBe(2);
    expect(await pendingCount(db)).toBe(2);
  });

  it('leaves neither row behind when the domain write fails', async () => {
    const db = freshDb();
    await recordAction(db, { table: 'sideEffects', row: row('a'), type: 'x', payload: {} });
    await expect(
      recordAction(db, { table: 'sideEffects', row: row('a'), type: 'x', payload: {} }),
    ).rejects.toThrow();
    expect(await pendingCount(db)).toBe(1);
    const next = await recordAction(db, { table: 'sideEffects', row: row('c'), type: 'x', payload: {} });
    expect(next.seq).toBe(2); // the failed attempt did not consume a sequence number
  });

  it('opens with strict durability, so a confirmed order survives a power cut', () => {
    const db = freshDb();
    expect(
      (db as unknown as { _options: { chromeTransactionDurability?: string } })._options
        .chromeTransactionDurability,
    ).toBe('strict');
  });
});

describe('recordAction with further writes', () => {
  it('commits the extra rows with the action, or none of them when one write fails', async () => {
    const db = freshDb();
    await recordAction(db, {
      table: 'sideEffects',
      row: row('a'),
      type: 'x',
      payload: {},
      also: {
        tables: ['auditLog'],
        write: async () => void (await db.auditLog.add({ id: 'l1', at: '', kind: 'k', detail: {} })),
      },
    });
    expect(await db.auditLog.count()).toBe(1);
    await expect(
      recordAction(db, {
        table: 'sideEffects',
        row: row('b'),
        type: 'x',
        payload: {},
        also: {
          tables: ['auditLog'],
          write: async () => void (await db.auditLog.add({ id: 'l1', at: '', kind: 'k', detail: {} })),
        },
      }),
    ).rejects.toThrow();
    expect(await db.sideEffects.get('b')).toBeUndefined();
    expect(await pendingCount(db)).toBe(1);
  });
});
