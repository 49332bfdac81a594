import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from './db';
import { parseInt8 } from './value-types';

describe('openDatabase (in-memory PGlite)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDatabase({});
  });
  afterAll(async () => {
    await db.close();
  });

  it('says which implementation it is', () => {
    expect(db.kind).toBe('pglite');
  });

  it('returns bigint counts as numbers, timestamps as Dates and numeric as strings', async () => {
    const [row] = await db.query<{ n: unknown; t: unknown; m: unknown }>(
      'SELECT count(*) AS n, now() AS t, 1.50::numeric AS m FROM (VALUES (1), (2)) v(x)',
    );
    expect(row?.n).toBe(2);
    expect(row?.t).toBeInstanceOf(Date);
    expect(row?.m).toBe('1.50');
  });

  it('runs multi-statement scripts with exec', async () => {
    await db.exec('CREATE TABLE script_a (x int); INSERT INTO script_a VALUES (1), (2);');
    expect(await db.query('SELECT x FROM script_a ORDER BY x')).toEqual([{ x: 1 }, { x: 2 }]);
  });

  it('commits a transaction whose function resolves', async () => {
    await db.exec('CREATE TABLE tx_ok (x int)');
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_ok VALUES ($1)', [7]);
      return 'done';
    });
    expect(value).toBe('done');
    expect(await db.query('SELECT x FROM tx_ok')).toEqual([{ x: 7 }]);
  });

  it('rolls back everything a transaction wrote when its function rejects', async () => {
    await db.exec('CREATE TABLE tx_fail (x int)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_fail VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query('SELECT x FROM tx_fail')).toEqual([]);
  });

  it('can be closed twice', async () => {
    const other = await openDatabase({});
    await other.close();
    await expect(other.close()).resolves.toBeUndefined();
  });
});

describe('openDatabase with a data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vpk-county-db-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps what was written across a close and a reopen', async () => {
    const first = await openDatabase({ dataDir });
    await first.exec("CREATE TABLE kept (x text); INSERT INTO kept VALUES ('村');");
    await first.close();
    const second = await openDatabase({ dataDir });
    try {
      expect(await second.query('SELECT x FROM kept')).toEqual([{ x: '村' }]);
    } finally {
      await second.close();
    }
  });
});

describe('parseInt8', () => {
  it('refuses values a JS number cannot hold exactly', () => {
    expect(parseInt8('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseInt8('9007199254740993')).toThrow(RangeError);
  });
});
