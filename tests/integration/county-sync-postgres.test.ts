/**
 * The county's sync store on a real PostgreSQL server (CI sets DATABASE_URL): what PGlite, running
 * one transaction at a time, cannot show. Each run works in schemas of its own, dropped afterwards.
 *
 * Pulls only return rows of transactions older than every transaction still running on the SERVER;
 * other suites share the server, so reads here wait (briefly) for the rows they expect instead of
 * assuming they are visible at once.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { silentLogger } from '../../common/logger';
import { seedCounties } from '../../assets/seed';
import { parseChange } from '../../sync/protocol';
import { openDatabase, type Db, type Queryable } from '../../county/db';
import { provisionDevice } from '../../county/devices';
import { issueEnrollmentCode, redeemEnrollmentCode } from '../../county/enrollment';
import { appendChanges, readChanges, type ChangeRow, type FeedChange } from '../../county/feed';
import { migrate } from '../../county/migrate';
import type { MutationDevice } from '../../county/mutation-context';
import { pushMutations, summarise } from '../../county/push';
import { seedIfEmpty } from '../../county/seed';
import { envelope, orderPayload } from '../../county/testing';
import { databaseUrl, suiteCanRun } from '../support/suites';

const canRun = suiteCanRun('PostgreSQL (DATABASE_URL)', !!databaseUrl, 'set DATABASE_URL, CI does');
const county = seedCounties[0]!;
const village = county.townships[0]!.villages[0]!;

const urlFor = (schema: string) => {
  const url = new URL(databaseUrl!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
};

/** One connection as a Queryable, so a test can hold a transaction open on it. */
async function connection(schema: string): Promise<pg.Client & { q: Queryable }> {
  const client = new pg.Client({ connectionString: urlFor(schema) });
  await client.connect();
  const q: Queryable = {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
  return Object.assign(client, { q });
}

const manifest = (waybill: string): FeedChange => ({
  countyId: county.id,
  villageId: village.id,
  entity: 'parcel_manifest',
  id: waybill,
  op: 'upsert',
  data: { waybill, carrier: '中通', phone: null, recipientName: null, expectedAt: null },
});

describe.skipIf(!canRun)('county sync on PostgreSQL', () => {
  const schema = `vpk_sync_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let db: Db;
  let other: Db; // a second county instance on the same database
  const read = (cursor: string, limit = 1000) =>
    readChanges(db, { countyId: county.id, villageId: village.id, cursor, limit });
  /** Reads from `cursor` until `done` holds (other suites' open transactions may hold rows back). */
  async function readUntil(cursor: string, done: (rows: ChangeRow[]) => boolean): Promise<ChangeRow[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows: ChangeRow[] = [];
      let at = cursor;
      for (let more = true; more;) {
        const page = await read(at);
        rows.push(...page.changes);
        ({ cursor: at, hasMore: more } = page);
      }
      if (done(rows) || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const tail = async () => {
    const [row] = await db.query<{ pos: string | null }>('SELECT max(pos)::text AS pos FROM change_feed');
    return row?.pos ?? '0';
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    db = await openDatabase({ databaseUrl: urlFor(schema) });
    other = await openDatabase({ databaseUrl: urlFor(schema) });
    await migrate(db, silentLogger);
    await seedIfEmpty(db, silentLogger);
  });
  afterAll(async () => {
    await db?.close();
    await other?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  it('publishes the seeded catalogue to a kiosk pulling from cursor 0', async () => {
    const rows = await readUntil('0', (r) => r.some((c) => c.entity === 'notice'));
    expect(rows.filter((c) => c.entity === 'catalogue_item').length).toBeGreaterThan(2000);
    for (const change of rows.slice(0, 300)) expect(parseChange(change)).toMatchObject({ ok: true });
  });

  it('does not return a committed row while an older transaction is still running, and skips nothing', async () => {
    const start = await tail();
    const early = await connection(schema);
    const late = await connection(schema);
    try {
      await early.query('BEGIN');
      await appendChanges(early.q, [manifest('EARLY')]);
      await late.query('BEGIN');
      await appendChanges(late.q, [manifest('LATE')]);
      await late.query('COMMIT');
      const whileOpen = await read(start);
      expect(whileOpen.changes.map((c) => c.id)).not.toContain('LATE');
      await early.query('COMMIT');
      const after = await readUntil(start, (r) => r.some((c) => c.id === 'LATE'));
      expect(after.map((c) => c.id).filter((id) => id === 'EARLY' || id === 'LATE')).toEqual([
        'EARLY',
        'LATE',
      ]);
    } finally {
      await early.end();
      await late.end();
    }
  });

  // The case a sequence cursor gets wrong even with the xmin filter: an OLD transaction draws a
  // higher seq than a younger one that is still running.
  it('does not skip a lower seq that commits after a higher one was read', async () => {
    const start = await tail();
    const old = await connection(schema);
    const young = await connection(schema);
    try {
      await old.query('BEGIN');
      await old.query('SELECT pg_current_xact_id()'); // old takes its transaction id first
      await young.query('BEGIN');
      await appendChanges(young.q, [manifest('YOUNG-LOW-SEQ')]); // draws the lower seq
      await appendChanges(old.q, [manifest('OLD-HIGH-SEQ')]); // draws the higher seq
      const seqOf = async (q: Queryable, id: string) =>
        Number(
          (await q.query<{ seq: string }>('SELECT seq FROM change_feed WHERE entity_id = $1', [id]))[0]!.seq,
        );
      expect(await seqOf(old.q, 'OLD-HIGH-SEQ')).toBeGreaterThan(await seqOf(young.q, 'YOUNG-LOW-SEQ'));
      await old.query('COMMIT');
      const first = await readUntil(start, (r) => r.some((c) => c.id === 'OLD-HIGH-SEQ'));
      expect(first.map((c) => c.id)).toContain('OLD-HIGH-SEQ');
      expect(first.map((c) => c.id)).not.toContain('YOUNG-LOW-SEQ');
      const cursor = first.at(-1)!.version; // a kiosk stores this
      await young.query('COMMIT');
      const next = await readUntil(cursor, (r) => r.some((c) => c.id === 'YOUNG-LOW-SEQ'));
      expect(next.map((c) => c.id)).toContain('YOUNG-LOW-SEQ'); // `seq > cursor` would have lost it
    } finally {
      await old.end();
      await young.end();
    }
  });

  it('applies each mutation once when two instances receive the same batch at the same moment', async () => {
    const { deviceId } = await provisionDevice(db, village.id, '并发终端');
    const device: MutationDevice = { id: deviceId, countyId: county.id, villageId: village.id };
    const batch = Array.from({ length: 50 }, (_, i) =>
      envelope('order.placed', orderPayload(`pg-race-${i}`), i + 1),
    );
    const [a, b] = await Promise.all([
      pushMutations(db, device, batch, 'push', silentLogger),
      pushMutations(other, device, [...batch].reverse(), 'push', silentLogger),
    ]);
    expect(summarise([...a, ...b])).toEqual({ applied: 50, duplicate: 50, rejected: 0 });
    const [orders] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM orders WHERE id LIKE 'pg-race-%'`,
    );
    expect(orders?.n).toBe(50);
    const [feed] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM change_feed WHERE entity = 'order_status' AND entity_id LIKE 'pg-race-%'`,
    );
    expect(feed?.n).toBe(50);
  });

  it('gives one device when two instances redeem the same enrollment code at once', async () => {
    const now = new Date();
    const { code } = await issueEnrollmentCode(db, { countyId: county.id, villageId: village.id, now });
    const request = { code: code.replace('-', ''), deviceName: '抢码' };
    const results = await Promise.allSettled([
      redeemEnrollmentCode(db, request, now),
      redeemEnrollmentCode(other, request, now),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});

describe.skipIf(!canRun)('migration 0002 on PostgreSQL with version-1 data', () => {
  const schema = `vpk_up_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let db: Db;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    db = await openDatabase({ databaseUrl: urlFor(schema) });
  });
  afterAll(async () => {
    await db?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  it('keeps the rows, adds search keys and publishes them', async () => {
    await migrate(db, silentLogger, { to: 1 });
    await seedIfEmpty(db, silentLogger);
    const [before] = await db.query<{ n: number }>('SELECT count(*) AS n FROM catalogue_items');
    expect((await migrate(db, silentLogger)).applied).toContain(2);
    const [after] = await db.query<{ n: number; keyed: number }>(
      'SELECT count(*) AS n, count(pinyin) AS keyed FROM catalogue_items',
    );
    expect(after).toEqual({ n: before!.n, keyed: before!.n });
    const [feed] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM change_feed WHERE entity = 'catalogue_item'`,
    );
    expect(feed?.n).toBe(before!.n);
  });
});
