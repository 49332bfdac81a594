/**
 * Starting the county centre as a library call: open the database, migrate, optionally seed, listen.
 * Used by the CLI (`npm run county -- serve`), scripts/start.ts and the end-to-end tests.
 */
import type { Logger } from '../common/logger';
import type { AdmissionOptions } from './admission';
import { openDatabase, type Db } from './db';
import { migrate } from './migrate';
import { seedIfEmpty } from './seed';
import { buildCountyServer } from './server';
import { loggingSmsProvider, startSmsSender, type SmsProvider } from './sms';

export interface StartCountyOptions {
  /** Default 127.0.0.1: the county service is put behind a reverse proxy, never exposed directly. */
  host?: string;
  /** 0 = any free port (tests). */
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  adminToken: string;
  logger: Logger;
  /** Load the demonstration data when the database is empty. */
  seed?: boolean;
  adminUiDir?: string;
  /** Where pickup SMS go (county/sms.ts); default: the logging provider, which sends nothing. */
  smsProvider?: SmsProvider;
  /** Admission control of the kiosks' sync requests (admission.ts). */
  admission?: Partial<AdmissionOptions>;
}

export interface RunningCounty {
  /** `http://host:port` actually bound (the real port when 0 was asked). */
  url: string;
  db: Db;
  close(): Promise<void>;
}

export async function startCounty(opts: StartCountyOptions): Promise<RunningCounty> {
  const host = opts.host ?? '127.0.0.1';
  const db = await openDatabase({
    ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}),
    ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
    logger: opts.logger,
  });
  try {
    await migrate(db, opts.logger);
    if (opts.seed === true) await seedIfEmpty(db, opts.logger);
    const app = buildCountyServer({
      db,
      logger: opts.logger,
      adminToken: opts.adminToken,
      ...(opts.admission !== undefined ? { admission: opts.admission } : {}),
      ...(opts.adminUiDir !== undefined ? { adminUiDir: opts.adminUiDir } : {}),
    });
    await app.listen({ host, port: opts.port });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('county server has no TCP address');
    const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${hostPart}:${address.port}`;
    const sms = startSmsSender(db, opts.smsProvider ?? loggingSmsProvider(opts.logger), {
      logger: opts.logger,
    });
    let closing: Promise<void> | undefined;
    return {
      url,
      db,
      // Server first (stop taking requests, let in-flight ones finish), then the database they use.
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await sms.stop();
          await db.close();
        })()),
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
