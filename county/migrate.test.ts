import { silentLogger } from '../common/logger';
import type { Db } from './db';
import { loadMigrations, migrate, schemaVersion, MIGRATION_LOCK_KEY, type Migration } from './migrate';
import { openTestDb } from './testing';

const tables = (db: Db) =>
  db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() ORDER BY table_name`,
  );

describe('migrate with the real migration files', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb({ to: 0 });
  });
  afterAll(async () => {
    await db.close();
  });

  it('finds the files numbered from 1 with no gap', () => {
    const files = loadMigrations();
    expect(files.map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
    expect(files[0]?.name).toBe('foundation');
  });

  it('applies each migration once even when two starts race', async () => {
    expect(await schemaVersion(db)).toBe(0);
    const [a, b] = await Promise.all([migrate(db, silentLogger), migrate(db, silentLogger)]);
    const latest = loadMigrations().length;
    expect([...a.applied, ...b.applied].sort()).toEqual(loadMigrations().map((m) => m.version));
    expect(a.to).toBe(latest);
    expect(b.to).toBe(latest);
  });

  it('records the version, name and time of each migration', async () => {
    const rows = await db.query<{ version: number; name: string; applied_at: Date }>(
      'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(rows[0]).toMatchObject({ version: 1, name: 'foundation' });
    expect(rows[0]?.applied_at).toBeInstanceOf(Date);
  });

  it('is a no-op the second time', async () => {
    const before = await tables(db);
    const again = await migrate(db, silentLogger);
    expect(again.applied).toEqual([]);
    expect(again.from).toBe(again.to);
    expect(await tables(db)).toEqual(before);
  });

  it('creates every table of the foundation, each carrying county_id', async () => {
    const names = (await tables(db)).map((t) => t.name);
    const foundation = [
      'catalogue_categories',
      'catalogue_items',
      'devices',
      'notices',
      'townships',
      'villages',
    ];
    expect(names).toEqual(expect.arrayContaining(['counties', 'schema_migrations', ...foundation]));
    const withCounty = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name = 'county_id'`,
    );
    // counties is the county; rate_limits counts requests by client address (0002 explains).
    const exempt = ['counties', 'schema_migrations', 'rate_limits'];
    expect(withCounty.map((c) => c.table_name).sort()).toEqual(names.filter((n) => !exempt.includes(n)));
  });

  it('refuses a negative price', async () => {
    await db.exec(`INSERT INTO counties (id, code, name, city) VALUES ('c1', '000001', '测试县', '测试市');
      INSERT INTO catalogue_categories (county_id, id, name, name_en, icon) VALUES ('c1', 'k', '类', 'K', 'k')`);
    await expect(
      db.query(`INSERT INTO catalogue_items
                  (county_id, id, barcode, name, category_id, spec, unit, price_fen, pinyin, initials)
                VALUES ('c1', 'i', '6900000000000', '物', 'k', '1kg', '袋', -1, 'wu', 'w')`),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('migrate with test migrations (harness for upgrade tests)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb({ to: 0 });
  });
  afterAll(async () => {
    await db.close();
  });

  // v1 records whether our advisory lock is held while it runs; v2 upgrades the data v1 left.
  const v1: Migration = {
    version: 1,
    name: 'probe',
    sql: `CREATE TABLE probe AS SELECT count(*) AS held FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = ${MIGRATION_LOCK_KEY};
          CREATE TABLE parcels (code text, cents integer);`,
  };
  const broken: Migration = {
    version: 2,
    name: 'fen',
    sql: `ALTER TABLE parcels ADD COLUMN fen integer; UPDATE parcels SET fen = no_such_column;`,
  };
  const v2: Migration = {
    version: 2,
    name: 'fen',
    sql: `ALTER TABLE parcels ADD COLUMN fen integer NOT NULL DEFAULT 0;
          UPDATE parcels SET fen = cents; ALTER TABLE parcels DROP COLUMN cents;`,
  };

  it('holds the advisory lock while a migration runs', async () => {
    await migrate(db, silentLogger, { migrations: [v1, v2], to: 1 });
    expect(await db.query('SELECT held FROM probe')).toEqual([{ held: 1 }]);
    expect(await schemaVersion(db)).toBe(1);
  });

  it('rolls a failing migration back completely and does not record it', async () => {
    await db.exec(`INSERT INTO parcels VALUES ('3-1-3001', 250), ('3-1-3002', 0)`);
    await expect(migrate(db, silentLogger, { migrations: [v1, broken] })).rejects.toThrow(
      /migration 2 \(fen\)/,
    );
    expect(await schemaVersion(db)).toBe(1);
    const columns = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'parcels' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['code', 'cents']);
  });

  it('upgrades the rows written at the older version', async () => {
    const result = await migrate(db, silentLogger, { migrations: [v1, v2] });
    expect(result).toEqual({ from: 1, to: 2, applied: [2] });
    expect(await db.query('SELECT code, fen FROM parcels ORDER BY code')).toEqual([
      { code: '3-1-3001', fen: 250 },
      { code: '3-1-3002', fen: 0 },
    ]);
  });

  it('refuses a gap in the numbering and a migration that manages its own transaction', async () => {
    await expect(migrate(db, silentLogger, { migrations: [v1, { ...v2, version: 3 }] })).rejects.toThrow(
      /1\.\.n/,
    );
    const selfManaged = { ...v2, sql: 'BEGIN;\nSELECT 1;\nCOMMIT;' };
    await expect(migrate(db, silentLogger, { migrations: [v1, selfManaged] })).rejects.toThrow(
      /transactions/,
    );
  });
});
