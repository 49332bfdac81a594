/**
 * Test helpers for county/ and tests/integration: databases in a known state.
 *
 * Upgrade tests for a later migration N start from the version before it, write old data the way
 * the old code did, then migrate and check what became of it:
 *
 *   const db = await openTestDb({ to: N - 1 });
 *   await db.query('INSERT INTO … (old shape)');
 *   await migrate(db, silentLogger);            // applies N…latest
 *   expect(await db.query('SELECT … (new shape)')).toEqual(…);
 *
 * In-memory PGlite unless `databaseUrl` is given; the caller closes what it opens.
 */
import { silentLogger } from '../common/logger';
import { openDatabase, type Db } from './db';
import { migrate } from './migrate';
import { seedIfEmpty } from './seed';

export interface TestDbOptions {
  /** Migrate up to this version; 0 = leave empty. Default: latest. */
  to?: number;
  /** Load assets/seed after migrating (needs the latest schema). */
  seed?: boolean;
  databaseUrl?: string;
}

export async function openTestDb(opts: TestDbOptions = {}): Promise<Db> {
  const db = await openDatabase(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {});
  try {
    if (opts.to !== 0) await migrate(db, silentLogger, opts.to !== undefined ? { to: opts.to } : {});
    if (opts.seed === true) await seedIfEmpty(db, silentLogger);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** A token-shaped string that is no device's token. */
export const UNKNOWN_DEVICE_TOKEN = 'A'.repeat(43);

/** 16+ characters, as the server requires. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
