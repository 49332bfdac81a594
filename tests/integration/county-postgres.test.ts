/**
 * The county store against a real PostgreSQL server (CI sets DATABASE_URL). Each run works in a
 * schema of its own, created here and dropped afterwards, so it never touches other data: the pools
 * under test reach it through the `options=-c search_path=…` connection parameter.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { silentLogger } from '../../common/logger';
import { seedCounties } from '../../assets/seed';
import { openDatabase, type Db } from '../../county/db';
import { authenticateDevice, provisionDevice, revokeDevice } from '../../county/devices';
import { loadMigrations, migrate, schemaVersion } from '../../county/migrate';
import { seedIfEmpty } from '../../county/seed';
import { buildCountyServer } from '../../county/server';
import { TEST_ADMIN_TOKEN } from '../../county/testing';
import { databaseUrl, suiteCanRun } from '../support/suites';

const canRun = suiteCanRun('PostgreSQL (DATABASE_URL)', !!databaseUrl, 'set DATABASE_URL, CI does');

describe.skipIf(!canRun)('county service on PostgreSQL', () => {
  const schema = `vpk_test_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let db: Db;
  let other: Db;

  const urlForSchema = () => {
    const url = new URL(databaseUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    db = await openDatabase({ databaseUrl: urlForSchema() });
    other = await openDatabase({ databaseUrl: urlForSchema() }); // a second county instance
  });

  afterAll(async () => {
    await db?.close();
    await other?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  it('works inside its own schema', async () => {
    expect(db.kind).toBe('postgres');
    expect(await db.query('SELECT current_schema() AS s')).toEqual([{ s: schema }]);
  });

  it('migrates once when two instances start at the same moment', async () => {
    const [a, b] = await Promise.all([migrate(db, silentLogger), migrate(other, silentLogger)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(loadMigrations().map((m) => m.version));
    expect(await schemaVersion(db)).toBe(loadMigrations().length);
    const again = await migrate(db, silentLogger);
    expect(again.applied).toEqual([]);
  });

  it('seeds once when two instances start at the same moment', async () => {
    const [a, b] = await Promise.all([seedIfEmpty(db, silentLogger), seedIfEmpty(other, silentLogger)]);
    expect([a.seeded, b.seeded].sort()).toEqual([false, true]);
    expect(a.items).toBe(b.items);
    expect(a.counties).toBe(seedCounties.length);
    const [types] = await db.query<{ price: string; n: number }>(
      `SELECT pg_typeof(price_fen)::text AS price, count(*) AS n FROM catalogue_items GROUP BY 1`,
    );
    expect(types).toEqual({ price: 'integer', n: a.items });
  });

  it('provisions, authenticates and revokes a device', async () => {
    const village = seedCounties[0]!.townships[0]!.villages[0]!;
    const { deviceId, token } = await provisionDevice(db, village.id, 'CI 终端');
    const device = await authenticateDevice(other, token);
    expect(device?.id).toBe(deviceId);
    expect(device?.lastSeenAt).toBeInstanceOf(Date);
    await revokeDevice(other, deviceId);
    expect(await authenticateDevice(db, token)).toBeNull();
  });

  it('serves health, the device and the admin summary', async () => {
    const app = buildCountyServer({ db, logger: silentLogger, adminToken: TEST_ADMIN_TOKEN });
    try {
      const village = seedCounties[0]!.townships[0]!.villages[0]!;
      const { token } = await provisionDevice(db, village.id, 'CI 终端 2');
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.json()).toMatchObject({
        ok: true,
        db: 'postgres',
        schemaVersion: loadMigrations().length,
      });
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/device/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.json()).toMatchObject({ village: { id: village.id, name: village.name } });
      const summary = await app.inject({
        method: 'GET',
        url: '/api/v1/admin/summary',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(summary.json()).toMatchObject({
        counts: { counties: seedCounties.length, devices: 2, activeDevices: 1 },
      });
    } finally {
      await app.close();
    }
  });
});
