/**
 * Fault campaign, part 2 (issue 9 §2): 30 days without a link, then sync.
 *
 * The kiosk's records are made by the real store functions (placeOrder, recordBill, intakeToShelf)
 * on the real KioskDb (fake-indexeddb in Node), with a fake clock walking through 30 days, so every
 * row and outbox mutation is what the screens would have written. Then the real SyncEngine pushes the
 * month through the kiosk origin's /county proxy and a seeded faulty link (a few lost answers and
 * duplicates) to the real county on PGlite, with one power cut of the kiosk midway. The county must
 * hold each record exactly once, and the kiosk's outbox must be empty.
 *
 * Bounded in CI (2,000 records); the full month is 100,000 records:
 *   FAULT_CAMPAIGN_RUNS=300 npx vitest run --project fault-campaign tests/fault-campaign/offline-month
 * (or FAULT_OFFLINE_RECORDS=100000 alone). The time taken is printed.
 */
import { findVillage } from '../../assets/seed';
import { recordBill } from '../../app/store/bills';
import { placeOrder } from '../../app/store/orders';
import { intakeToShelf } from '../../app/store/parcels/intake';
import { startKioskRig, startRigCounty, type CountyHandle, type KioskRig } from '../support/sync-rig';
import { databaseUrl } from '../support/suites';
import { FULL, SEED, announce, flowRandom } from './campaign';

const RECORDS = Number(process.env.FAULT_OFFLINE_RECORDS ?? (FULL ? 100_000 : 2_000));
const DAY_MS = 86_400_000;

describe('fault campaign: 30 days offline, then sync', () => {
  let countyHandle: CountyHandle;
  let rig: KioskRig;

  beforeAll(async () => {
    countyHandle = await startRigCounty(databaseUrl ? { databaseUrl } : {});
    rig = await startKioskRig(countyHandle, {
      link: { seed: SEED, faultRate: 0.05, faults: ['drop-response', 'duplicate', 'drop-request'] },
      name: `offline-${SEED}`,
      timeoutMs: 60_000,
    });
  });

  afterAll(async () => {
    await rig?.close();
    await countyHandle?.close();
  });

  it(`${RECORDS} records made over 30 days arrive exactly once`, async () => {
    announce(`offline month × ${RECORDS} records`);
    const rand = flowRandom('offline');
    const start = Date.now() - 30 * DAY_MS;
    let t = start;
    const now = () => new Date(t);
    const made = { orders: [] as string[], bills: [] as string[], parcels: [] as string[] };
    const writeStarted = Date.now();
    for (let i = 0; i < RECORDS; i++) {
      t = start + Math.floor((i / RECORDS) * 30 * DAY_MS);
      const phone = `13${String(100_000_000 + Math.floor(rand() * 899_999_999)).slice(-9)}`;
      const r = rand();
      if (r < 0.5) {
        const placed = await placeOrder(
          rig.db,
          {
            phone,
            lines: [
              {
                itemId: 'sku-010001',
                name: '复合肥',
                spec: '50kg',
                unit: '袋',
                qty: 1 + Math.floor(rand() * 5),
                unitPriceFen: 15800,
              },
            ],
            payment: rand() < 0.7 ? 'cash' : 'epay',
          },
          { now },
        );
        if (!placed.ok) throw new Error(placed.error.message);
        made.orders.push(placed.order.id);
      } else if (r < 0.8) {
        const bill = await recordBill(
          rig.db,
          { phone, kind: 'phone', account: phone, amountFen: 1000 * (1 + Math.floor(rand() * 10)) },
          { now },
        );
        if (!bill.ok) throw new Error(bill.error.message);
        made.bills.push(bill.value.id);
      } else {
        const parcel = await intakeToShelf(
          rig.db,
          { waybill: `OFF${SEED}-${i}`, carrier: '中通快递', phone, rack: 1 + (i % 9), layer: 1 + (i % 5) },
          { now },
        );
        if (!parcel.ok) throw new Error(JSON.stringify(parcel.error));
        made.parcels.push(parcel.parcel.id);
      }
    }
    const writeMs = Date.now() - writeStarted;
    expect(await rig.db.outbox.count()).toBe(RECORDS);

    const syncStarted = Date.now();
    let cycles = 0;
    let powerCut = false;
    for (;;) {
      const result = await rig.engine.runOnce();
      cycles++;
      const pending = await rig.db.outbox.count();
      if (!powerCut && pending < RECORDS / 2) {
        powerCut = true;
        await rig.powerCycle(); // the engine's memory is gone; the outbox on "disk" is what remains
      }
      if (result.kind === 'ok' && pending === 0) break;
      if (cycles > 50 + RECORDS / 10)
        throw new Error(`sync did not finish: ${JSON.stringify(rig.engine.status())}`);
    }
    const syncMs = Date.now() - syncStarted;
    process.stdout.write(
      `[fault-campaign] offline month: ${RECORDS} records written in ${(writeMs / 1000).toFixed(1)} s, ` +
        `synced in ${(syncMs / 1000).toFixed(1)} s over ${cycles} engine cycles\n`,
    );

    const countyId = findVillage(rig.device.villageId)!.county.id;
    const idsAt = async (table: string) =>
      (
        await countyHandle.county.db.query<{ id: string }>(
          `SELECT id FROM ${table} WHERE county_id = $1 AND device_id = $2`,
          [countyId, rig.device.deviceId],
        )
      ).map((r) => r.id);
    for (const [table, local] of [
      ['orders', made.orders],
      ['bill_intents', made.bills],
      ['parcels', made.parcels],
    ] as const) {
      const ids = await idsAt(table);
      expect(ids.length, table).toBe(local.length);
      expect(new Set(ids).size, table).toBe(ids.length);
      const atCounty = new Set(ids);
      const missing = local.filter((id) => !atCounty.has(id));
      expect(missing, table).toEqual([]);
    }
    expect(await rig.db.outbox.count()).toBe(0);
  }, 3_600_000);
});
