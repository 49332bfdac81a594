/**
 * The demo terminal of `npm start`: enrolled once for the demo village, its credentials kept in
 * data/kiosk/device.json like a real terminal's. On later starts the saved token is checked against
 * the county; if the county no longer knows it (its database was reset), the terminal is enrolled anew.
 */
import { DEMO_VILLAGE_ID, findVillage } from '../assets/seed';
import type { Logger } from '../common/logger';
import type { Db } from '../county/db';
import { provisionDevice } from '../county/devices';
import { createOperator, listOperators } from '../county/operators';
import { readDevice, writeDevice } from '../kiosk-shell/device-store';

export interface DemoDevice {
  deviceId: string;
  villageId: string;
  villageName: string;
}

async function countyKnows(countyUrl: string, token: string): Promise<boolean> {
  const res = await fetch(new URL('/api/v1/device/me', countyUrl), {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.ok;
}

export async function ensureDemoDevice(opts: {
  county: { url: string; db: Db };
  dataDir: string;
  logger: Logger;
}): Promise<DemoDevice> {
  const saved = await readDevice(opts.dataDir);
  const villageName = (id: string) => findVillage(id)?.village.name ?? id;
  if (saved && (await countyKnows(opts.county.url, saved.token))) {
    if (saved.countyUrl !== opts.county.url)
      await writeDevice(opts.dataDir, { ...saved, countyUrl: opts.county.url });
    return {
      deviceId: saved.deviceId,
      villageId: saved.villageId,
      villageName: villageName(saved.villageId),
    };
  }
  if (saved)
    opts.logger.warn({ deviceId: saved.deviceId }, 'saved device unknown to this county: enrolling again');
  const device = await provisionDevice(opts.county.db, DEMO_VILLAGE_ID, '演示终端');
  await writeDevice(opts.dataDir, { ...device, countyUrl: opts.county.url });
  return {
    deviceId: device.deviceId,
    villageId: device.villageId,
    villageName: villageName(device.villageId),
  };
}

/**
 * The demo village's operator accounts, so `npm start` can be used at once: printed by start.ts and
 * written in the README. Demonstration PINs only — a real county creates its own
 * (`npm run county -- operator-add`).
 */
export const DEMO_OPERATORS = [
  { name: '演示操作员', role: 'operator', pin: '123456' },
  { name: '演示技术员', role: 'technician', pin: '888888' },
] as const;

/** Creates the demo accounts the village does not have yet (by name); returns them all. */
export async function ensureDemoOperators(db: Db, villageId: string = DEMO_VILLAGE_ID) {
  const [village] = await db.query<{ county_id: string }>('SELECT county_id FROM villages WHERE id = $1', [
    villageId,
  ]);
  if (!village) throw new Error(`demo village ${villageId} is not in the county database`);
  const have = new Set((await listOperators(db, village.county_id, villageId)).map((a) => a.name));
  for (const demo of DEMO_OPERATORS)
    if (!have.has(demo.name)) await createOperator(db, village.county_id, { villageId, ...demo }, new Date());
  return DEMO_OPERATORS;
}
