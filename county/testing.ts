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
import {
  mutationTypes,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type MutationEnvelope,
  type MutationPayload,
  type MutationType,
} from '../sync/protocol';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from './db';
import { dumpPglite, openPglite } from './db-pglite';
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
  // The usual case — an in-memory PGlite at the latest schema, seeded or not — starts from a data
  // directory dumped by the first test that built it: initdb, nine migrations and the seed cost
  // seconds per test file on two cores, loading the tarball a fraction of it.
  const template =
    opts.databaseUrl === undefined && opts.to === undefined ? templatePath(opts.seed === true) : undefined;
  if (template && existsSync(template)) {
    return openPglite(undefined, silentLogger, { loadDataDir: new Blob([readFileSync(template)]) });
  }
  const db = await openDatabase(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {});
  try {
    if (opts.to !== 0) await migrate(db, silentLogger, opts.to !== undefined ? { to: opts.to } : {});
    if (opts.seed === true) await seedIfEmpty(db, silentLogger);
    if (template) await saveTemplate(db, template);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Everything that shapes a migrated, seeded database: any change gives a new template. */
function templatePath(seeded: boolean): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'admin' && name !== 'node_modules') walk(path);
      } else if (/\.(ts|sql|json|csv)$/.test(name) && !name.includes('.test.')) {
        hash.update(path).update(readFileSync(path));
      }
    }
  };
  walk(join(ROOT, 'county'));
  walk(join(ROOT, 'assets', 'seed'));
  walk(join(ROOT, 'sync'));
  return join(
    tmpdir(),
    `vpk-test-pglite-${seeded ? 'seeded' : 'migrated'}-${hash.digest('hex').slice(0, 16)}.tgz`,
  );
}

async function saveTemplate(db: Db, path: string): Promise<void> {
  const dump = await dumpPglite(db);
  if (!dump) return;
  // Written aside and renamed: a parallel worker never reads half a tarball.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, path);
}

/** A token-shaped string that is no device's token. */
export const UNKNOWN_DEVICE_TOKEN = 'A'.repeat(43);

/** 16+ characters, as the server requires. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

// ---------------------------------------------------------------- sync test data

/** Headers every sync request carries. */
export const PROTOCOL_HEADERS = { [PROTOCOL_HEADER]: PROTOCOL_VERSION };

let envelopeCounter = 0;

/** A mutation envelope; the id is unique per call unless given. */
export function envelope(type: string, payload: unknown, seq: number, id?: string): MutationEnvelope {
  envelopeCounter += 1;
  return {
    id: id ?? `m-${String(envelopeCounter).padStart(6, '0')}-${seq}`,
    seq,
    type,
    at: '2026-03-01T16:00:00+08:00',
    payload,
  };
}

/** A valid order.placed payload: two lines, total in integer fen. */
export function orderPayload(orderId: string, unitPriceFen = 13500): MutationPayload<'order.placed'> {
  return {
    orderId,
    phone: '13800138000',
    lines: [
      { itemId: 'sku-010001', name: '尿素 50kg', qty: 2, unitPriceFen },
      { itemId: 'sku-070001', name: '酱油 500ml', qty: 1, unitPriceFen: 1250 },
    ],
    totalFen: 2 * unitPriceFen + 1250,
    payment: 'cash',
    delivery: 'point',
  };
}

/** One valid payload of every mutation type, in an order that applies cleanly (suffix keeps ids apart). */
export function oneOfEach(suffix: string): { type: MutationType; payload: unknown }[] {
  const phone = '13912345678';
  const all: { [T in MutationType]: MutationPayload<T> } = {
    'order.placed': orderPayload(`o-${suffix}`),
    'order.cancelled': { orderId: `o-${suffix}`, reason: '村民改主意' },
    'return.requested': {
      returnId: `r-${suffix}`,
      orderId: `o-${suffix}`,
      itemId: 'sku-010001',
      qty: 1,
      kind: 'return',
      reason: '包装破损',
    },
    'produce.listed': {
      listingId: `l-${suffix}`,
      phone,
      kind: '柑橘',
      quantity: 120.5,
      unit: '斤',
      askingPriceFen: 350,
      harvestDate: '2026-02-20',
    },
    'produce.confirmed': { listingId: `l-${suffix}`, operatorId: 'op-1' },
    'bill.intent': {
      intentId: `b-${suffix}`,
      phone,
      kind: 'electricity',
      account: '0123456789',
      amountFen: 5000,
      paidCashFen: 5000,
    },
    'ticket.requested': {
      requestId: `t-${suffix}`,
      phone,
      route: '潜江—武汉',
      travelDate: '2026-03-08',
      passengers: 2,
    },
    'parcel.stored': {
      parcelId: `p-${suffix}`,
      waybill: `YT${suffix}0001`,
      carrier: '圆通',
      phone,
      location: { kind: 'locker', board: 1, lock: 3 },
      smsText: '您的包裹已到村服务点，取件码已发送',
    },
    'parcel.collected': { parcelId: `p-${suffix}`, method: 'code' },
    'parcel.sent': {
      shipmentId: `s-${suffix}`,
      sender: { name: '张三', phone },
      recipient: {
        name: '李四',
        phone: '13700000000',
        province: '湖北省',
        city: '武汉市',
        county: '洪山区',
        address: '珞瑜路1号',
      },
      carrier: '邮政',
      weightGrams: 1200,
      feeFen: 1000,
    },
    'dispatch.handed_over': {
      manifestId: `dm-${suffix}`,
      carrier: '邮政',
      shipmentIds: [`s-${suffix}`],
      returnedParcelIds: [],
      operatorId: 'op-1',
    },
    'stock.moved': { movementId: `k-${suffix}`, itemId: 'sku-010001', qtyDelta: -2, reason: 'sale' },
    'sale.recorded': {
      saleId: `sa-${suffix}`,
      lines: [
        { itemId: 'sku-070001', name: '酱油 500ml', qty: 2, unitPriceFen: 1250 },
        { itemId: 'local-egg', name: '土鸡蛋', qty: 10, unitPriceFen: 100 },
      ],
      totalFen: 3500,
      operatorId: 'op-1',
    },
    'cash.day_closed': {
      dayId: `d-${suffix}`,
      date: '2026-03-01',
      expectedFen: 28250,
      countedFen: 28200,
      operatorId: 'op-1',
      floatFen: 20000,
      reason: '找零少收五角',
      totals: [
        { kind: 'order', count: 1, amountFen: 28250 },
        { kind: 'refund', count: 1, amountFen: -20000 },
      ],
    },
    'villager.registered': {
      villagerId: `vr-${suffix}`,
      phone,
      name: '张三',
      consent: true,
      consentAt: '2026-03-01T08:00:00.000Z',
      operatorId: 'op-1',
    },
    'training.attended': {
      trainingId: `tr-${suffix}`,
      topic: '电商直播',
      attendees: 12,
      date: '2026-03-01',
      attendeePhones: [phone],
      operatorId: 'op-1',
    },
    'audit.recorded': {
      auditId: `a-${suffix}`,
      kind: 'door.open',
      operatorId: 'op-1',
      detail: { board: 1, lock: 3, reason: 'pickup', result: 'opened' },
    },
  };
  return mutationTypes.map((type) => ({ type, payload: all[type] }));
}
