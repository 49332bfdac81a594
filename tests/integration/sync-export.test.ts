/**
 * The last resort when a village's link is gone for good: the operator exports everything unsynced
 * to a file, the county imports it (`npm run county -- import FILE`, the same code as here) — and
 * when the link comes back, the kiosk's own push of the same records changes nothing.
 */
import { ulid } from 'ulid';
import { recordAction } from '../../app/store/outbox';
import { silentLogger } from '../../common/logger';
import { importExportFile } from '../../county/export-import';
import { startKioskRig, startRigCounty, type CountyHandle, type KioskRig } from '../support/sync-rig';

let county: CountyHandle;
let rig: KioskRig;

beforeAll(async () => {
  county = await startRigCounty();
  // A dead link: requests never reach the county (faultRate raised below).
  rig = await startKioskRig(county, {
    name: 'export-kiosk',
    timeoutMs: 3000,
    link: { faults: ['drop-request'] },
  });
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await county?.close();
});

const ordersOf = (deviceId: string) =>
  county.county.db.query<{ id: string }>('SELECT id FROM orders WHERE device_id = $1 ORDER BY id', [
    deviceId,
  ]);

describe('offline export to a USB stick', () => {
  it('imports once however often the file is imported, and the later push is all duplicates', async () => {
    expect((await rig.engine.runOnce()).kind).toBe('ok'); // identified and up to date while the link works
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const orderId = `usb-${i}`;
      ids.push(orderId);
      await recordAction(rig.db, {
        table: 'sideEffects',
        row: { id: orderId, kind: 'print', status: 'pending', createdAt: '', ref: orderId },
        type: 'order.placed',
        payload: {
          orderId,
          phone: '13700137000',
          lines: [{ itemId: 'sku-010002', name: '尿素 40kg', qty: 1, unitPriceFen: 11800 }],
          totalFen: 11800,
          payment: 'cash',
        },
        newId: ulid,
      });
    }
    rig.link.setFaultRate(1); // the link is down: every request dies
    expect((await rig.engine.runOnce({ pull: false })).kind).toBe('failed');

    const file = await rig.engine.exportUnsynced();
    if (!file.ok) throw new Error(file.error.message);
    expect(file.value.mutations).toHaveLength(5);
    const onStick = JSON.parse(JSON.stringify(file.value)) as unknown; // as written to and read from the file

    const first = await importExportFile(county.county.db, onStick, silentLogger);
    const second = await importExportFile(county.county.db, onStick, silentLogger);
    expect(first.acks.map((a) => a.status)).toEqual(Array(5).fill('applied'));
    expect(second.acks.map((a) => a.status)).toEqual(Array(5).fill('duplicate'));
    expect((await ordersOf(rig.device.deviceId)).map((o) => o.id)).toEqual(ids);

    rig.link.setFaultRate(0); // the link returns
    const result = await rig.engine.runOnce();
    expect(result).toMatchObject({ kind: 'ok', pushed: { applied: 0, duplicate: 5, rejected: 0 } });
    expect(await rig.db.outbox.count()).toBe(0);
    expect((await ordersOf(rig.device.deviceId)).map((o) => o.id)).toEqual(ids);
  });
});
