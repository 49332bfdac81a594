/**
 * The whole sync path, real on every hop, for integration tests, the fault campaign and the bench:
 *
 *   SyncEngine (fake-indexeddb KioskDb) → fetch transport → kiosk origin server (/county proxy adds
 *   the device token) → FaultyLink (seeded faults, throttle) → county centre (PGlite or PostgreSQL)
 *
 * The county can be restarted mid-sync (same data, maybe a new port: the link follows), and the
 * kiosk can "lose power" (a new KioskDb and engine over the same stored IndexedDB).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_VILLAGE_ID, findVillage } from '../../assets/seed';
import { silentLogger } from '../../common/logger';
import { issueEnrollmentCode } from '../../county/enrollment';
import type { AdmissionOptions } from '../../county/admission';
import { startCounty, type RunningCounty } from '../../county/main';
import { enrollDevice } from '../../kiosk-shell/enroll';
import { createKioskServer, type KioskServer } from '../../kiosk-shell/server';
import type { DeviceCredentials } from '../../kiosk-shell/device-store';
import { SyncEngine } from '../../sync/engine';
import { createFetchTransport, type Exchange } from '../../sync/transport';
import { IDBFactory, MemoryLocks, memoryDb, seededRandom } from '../../sync/testing';
import type { KioskDb } from '../../app/store/db';
import { freePort } from '../e2e/product';
import { startFaultyLink, type FaultyLink, type FaultyLinkOptions } from './faulty-link';

export const RIG_ADMIN_TOKEN = 'rig-admin-token-0123456789abcdef';

const realClock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface CountyHandle {
  county: RunningCounty;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A county on disk (PGlite under a temp dir) or on PostgreSQL, restartable with its data. */
export async function startRigCounty(
  opts: { databaseUrl?: string; admission?: Partial<AdmissionOptions> } = {},
): Promise<CountyHandle> {
  const dataDir = opts.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'vpk-rig-county-'));
  const start = () =>
    startCounty({
      port: 0,
      adminToken: RIG_ADMIN_TOKEN,
      logger: silentLogger,
      seed: true,
      ...(dataDir ? { dataDir } : {}),
      ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
      ...(opts.admission ? { admission: opts.admission } : {}),
    });
  const handle: CountyHandle = {
    county: await start(),
    restart: async () => {
      await handle.county.close();
      handle.county = await start();
    },
    close: () => handle.county.close(),
  };
  return handle;
}

export interface KioskRig {
  link: FaultyLink;
  server: KioskServer;
  device: DeviceCredentials;
  factory: IDBFactory;
  db: KioskDb;
  engine: SyncEngine;
  exchanges: Exchange[];
  /** Power cut: a new KioskDb and engine over the same stored data. */
  powerCycle(): Promise<void>;
  close(): Promise<void>;
}

export async function startKioskRig(
  countyHandle: CountyHandle,
  opts: {
    link?: Omit<FaultyLinkOptions, 'target'>;
    villageId?: string;
    timeoutMs?: number;
    name?: string;
  } = {},
): Promise<KioskRig> {
  const link = await startFaultyLink({ ...opts.link, target: () => countyHandle.county.url });
  const villageId = opts.villageId ?? DEMO_VILLAGE_ID;
  const countyId = findVillage(villageId)?.county.id;
  if (!countyId) throw new Error(`unknown village ${villageId}`);
  const { code } = await issueEnrollmentCode(countyHandle.county.db, {
    countyId,
    villageId,
    now: new Date(),
  });

  // Enrollment through a clean link; the faults are for sync.
  const rate = opts.link?.faultRate ?? 0;
  link.setFaultRate(0);
  const dataDir = mkdtempSync(join(tmpdir(), 'vpk-rig-kiosk-'));
  const enrolled = await enrollDevice({ countyUrl: link.url, dataDir, code, deviceName: 'rig' });
  if (!enrolled.credentials) throw new Error(`enrollment failed: ${JSON.stringify(enrolled.result)}`);
  const device = enrolled.credentials;
  link.setFaultRate(rate);

  const port = await freePort();
  const server = await createKioskServer({
    port,
    appDir: dataDir, // no app needed: only the /county proxy is used
    logger: silentLogger,
    county: { url: link.url, getToken: () => device.token },
  });

  const factory = new IDBFactory();
  const exchanges: Exchange[] = [];
  const name = opts.name ?? 'rig-kiosk';
  const makeEngine = (db: KioskDb) =>
    new SyncEngine({
      db,
      transport: createFetchTransport({
        baseUrl: `http://127.0.0.1:${port}/county`,
        fetch: (input, init) => fetch(input, init),
        timeoutMs: opts.timeoutMs ?? 10_000,
        onExchange: (e) => exchanges.push(e),
      }),
      clock: realClock,
      random: seededRandom(7),
      locks: new MemoryLocks(),
    });
  const rig: KioskRig = {
    link,
    server,
    device,
    factory,
    db: memoryDb(name, factory),
    engine: undefined as unknown as SyncEngine,
    exchanges,
    powerCycle: async () => {
      await rig.engine.stop();
      rig.db.close();
      rig.db = memoryDb(name, factory);
      rig.engine = makeEngine(rig.db);
    },
    close: async () => {
      await rig.engine.stop();
      rig.db.close();
      await server.close();
      await link.close();
    },
  };
  rig.engine = makeEngine(rig.db);
  return rig;
}
