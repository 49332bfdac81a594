/**
 * A crowd of kiosks at a county with admission control (county/admission.ts): the real engines, their
 * kiosk origin proxies and the real county. Refused requests come back as 503 BUSY through the proxy
 * with their Retry-After; the engines wait and return; every order ends at the county exactly once.
 */
import { recordOrder } from '../../sync/testing';
import { startKioskRig, startRigCounty, type CountyHandle, type KioskRig } from '../support/sync-rig';

const KIOSKS = 5;
const ORDERS = 8;

describe('sync: kiosks crowding a busy county', () => {
  let county: CountyHandle;
  const rigs: KioskRig[] = [];

  beforeAll(async () => {
    county = await startRigCounty({ admission: { maxInFlight: 1, retryAfterMaxS: 1 } });
    for (let k = 0; k < KIOSKS; k++) rigs.push(await startKioskRig(county, { name: `crowd-${k}` }));
  });
  afterAll(async () => {
    for (const rig of rigs) await rig.close();
    await county?.close();
  });

  it('are told to come back, wait at least a second, and deliver every order once', async () => {
    const ids: string[] = [];
    for (const [k, rig] of rigs.entries())
      for (let j = 0; j < ORDERS; j++) {
        const i = 1000 * (k + 1) + j;
        await recordOrder(rig.db, i);
        ids.push(`order-${i}`);
      }
    for (const rig of rigs) rig.engine.start(); // all at once, as after a county outage

    await vi.waitFor(
      async () => {
        for (const rig of rigs) {
          expect(await rig.db.outbox.count()).toBe(0);
          expect(rig.engine.status().lastError).toBeUndefined(); // its pull got through too
        }
      },
      { timeout: 40_000, interval: 200 },
    );

    const rows = await county.county.db.query<{ id: string }>('SELECT id FROM orders WHERE id = ANY($1)', [
      ids,
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());

    const refused = rigs.flatMap((r) => r.exchanges.filter((e) => e.status === 503));
    expect(refused.length).toBeGreaterThan(0);
    for (const rig of rigs) {
      const pushes = rig.exchanges.filter((e) => e.path === '/api/v1/sync/push');
      for (const [n, e] of pushes.entries()) {
        const next = pushes[n + 1];
        // Retry-After is at least 1 s: a refused kiosk never comes straight back.
        if (e.status === 503 && next)
          expect(next.startedAt - (e.startedAt + e.ms)).toBeGreaterThanOrEqual(990);
      }
    }
  });
});
