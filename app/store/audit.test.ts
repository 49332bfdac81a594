import { KioskDb } from './db';
import { recentAudit, recordAudit } from './audit';

let n = 0;
const freshDb = () => new KioskDb(`audit-test-${n++}`);

describe('recordAudit', () => {
  it('keeps the line locally and queues it for the county in one step', async () => {
    const db = freshDb();
    const row = await recordAudit(db, {
      kind: 'door.open',
      operatorId: 'op-7',
      detail: { board: 1, lock: 4, reason: 'pickup', result: 'opened' },
    });
    expect(await recentAudit(db)).toEqual([row]);
    const [queued] = await db.outbox.toArray();
    expect(queued).toMatchObject({
      type: 'audit.recorded',
      payload: { auditId: row.id, kind: 'door.open', operatorId: 'op-7', detail: { lock: 4 } },
    });
  });

  it('refuses a line the county could not accept and writes nothing', async () => {
    const db = freshDb();
    await expect(recordAudit(db, { kind: '', detail: {} })).rejects.toThrow();
    expect(await db.auditLog.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
