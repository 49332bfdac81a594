/**
 * A county's worth of synced history for the statistics: townships, villages with one terminal each,
 * and `months` months of orders, produce, bills, tickets, parcels in and out, trainings, terminal
 * activity and job records, from a seeded PRNG (the same data on every run).
 *
 * It also returns what it wrote, totalled per village and month, computed here in TypeScript and not
 * read back from the database: the statistics tests compare the county's figures with these.
 *
 * Times are spread over each China Standard Time month, including its first hours, which are the
 * previous day in UTC: a report that got the time zone wrong would put them in the wrong month.
 *
 * Used by the statistics tests (small counties, through the triggers) and by
 * scripts/bench-county-stats.ts (600 villages, two years, bulk).
 */
import { createHash } from 'node:crypto';
import { mulberry32 } from '../common/prng';
import type { Db, Queryable } from './db';
import { addMonths } from './stats-format';

export interface GenerateOptions {
  countyId: string;
  countyName?: string;
  townships: number;
  villagesPerTownship: number;
  /** Last month generated, 'YYYY-MM'; `months` months end with it. */
  endMonth: string;
  months: number;
  seed?: number;
  /** Average orders per village and month (others scale with it). */
  ordersPerMonth?: number;
  /**
   * Load with triggers off, then rebuild the roll-up in one statement (fast; for the benchmark).
   * Off: every row goes through the triggers, as kiosk pushes do.
   */
  bulk?: boolean;
}

export interface VillageMonthTotals {
  orders: number;
  ordersFen: number;
  cancelledOrders: number;
  phones: Set<string>;
  produce: number;
  produceFen: number;
  bills: number;
  billsFen: number;
  tickets: number;
  ticketsFen: number;
  sales: number;
  salesFen: number;
  parcelsIn: number;
  parcelsOut: number;
  parcelFeesFen: number;
  trainings: number;
  trainees: number;
  jobs: number;
  /** Villagers registered this month. */
  registered: number;
  active: boolean;
}

export interface GeneratedCounty {
  countyId: string;
  townships: { id: string; name: string; villages: { id: string; name: string }[] }[];
  /** villageId → month → totals. */
  totals: Map<string, Map<string, VillageMonthTotals>>;
  rows: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A CST wall-clock time inside `month` as a UTC instant. */
function cstTime(month: string, day: number, hour: number, minute: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, day, hour - 8, minute)).toISOString();
}

function emptyTotals(): VillageMonthTotals {
  return {
    orders: 0,
    ordersFen: 0,
    cancelledOrders: 0,
    phones: new Set(),
    produce: 0,
    produceFen: 0,
    bills: 0,
    billsFen: 0,
    tickets: 0,
    ticketsFen: 0,
    sales: 0,
    salesFen: 0,
    parcelsIn: 0,
    parcelsOut: 0,
    parcelFeesFen: 0,
    trainings: 0,
    trainees: 0,
    jobs: 0,
    registered: 0,
    active: false,
  };
}

/** Column-wise rows for `INSERT … SELECT * FROM unnest(...)`: one parameter per column. */
class Columns {
  readonly data: unknown[][];
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
    readonly types: readonly string[],
  ) {
    this.data = columns.map(() => []);
  }
  push(...values: unknown[]): void {
    values.forEach((v, i) => this.data[i]!.push(v));
  }
  get length(): number {
    return this.data[0]!.length;
  }
  async flush(tx: Queryable): Promise<number> {
    const n = this.length;
    if (n === 0) return 0;
    const casts = this.types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
    await tx.query(
      `INSERT INTO ${this.table} (${this.columns.join(', ')}) SELECT * FROM unnest(${casts})`,
      this.data,
    );
    this.data.forEach((col) => (col.length = 0));
    return n;
  }
}

const FLUSH_AT = 20_000;
const VILLAGES_PER_TRANSACTION = 50;

export async function generateStatsData(db: Db, opts: GenerateOptions): Promise<GeneratedCounty> {
  const rand = mulberry32(opts.seed ?? 20260301);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const ordersPerMonth = opts.ordersPerMonth ?? 30;
  const firstMonth = addMonths(opts.endMonth, -(opts.months - 1));
  const countyId = opts.countyId;
  const code = createHash('sha256').update(countyId).digest('hex').slice(0, 6);

  const county: GeneratedCounty = { countyId, townships: [], totals: new Map(), rows: 0 };
  for (let t = 1; t <= opts.townships; t++) {
    const tId = `${countyId}-t${pad(t, 2)}`;
    const villages = [];
    for (let v = 1; v <= opts.villagesPerTownship; v++) {
      villages.push({ id: `${tId}-v${pad(v, 3)}`, name: `第${t}镇${v}村` });
    }
    county.townships.push({ id: tId, name: `第${t}镇`, villages });
  }
  const villages = county.townships.flatMap((t) => t.villages.map((v) => ({ ...v, townshipId: t.id })));
  const deviceOf = (villageId: string) => `dev-${villageId}`;

  const orders = new Columns(
    'orders',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'phone',
      'total_fen',
      'payment',
      'delivery',
      'status',
      'settled_total_fen',
      'placed_at',
      'received_at',
    ],
    [
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'int8',
      'text',
      'text',
      'text',
      'int8',
      'timestamptz',
      'timestamptz',
    ],
  );
  const lines = new Columns(
    'order_lines',
    ['county_id', 'order_id', 'line_no', 'item_id', 'name', 'qty', 'unit_price_fen'],
    ['text', 'text', 'int4', 'text', 'text', 'int4', 'int8'],
  );
  const produce = new Columns(
    'produce_listings',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'phone',
      'kind',
      'quantity',
      'unit',
      'asking_price_fen',
      'offer_fen',
      'status',
      'device_at',
      'received_at',
    ],
    [
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'numeric',
      'text',
      'int8',
      'int8',
      'text',
      'timestamptz',
      'timestamptz',
    ],
  );
  const bills = new Columns(
    'bill_intents',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'phone',
      'kind',
      'account',
      'amount_fen',
      'paid_cash_fen',
      'refund_fen',
      'status',
      'device_at',
      'received_at',
    ],
    [
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'int8',
      'int8',
      'int8',
      'text',
      'timestamptz',
      'timestamptz',
    ],
  );
  const tickets = new Columns(
    'ticket_requests',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'phone',
      'route',
      'travel_date',
      'passengers',
      'status',
      'seat',
      'departs_at',
      'price_fen',
      'device_at',
      'received_at',
    ],
    [
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'date',
      'int4',
      'text',
      'text',
      'timestamptz',
      'int8',
      'timestamptz',
      'timestamptz',
    ],
  );
  const parcels = new Columns(
    'parcels',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'waybill',
      'carrier',
      'phone',
      'location',
      'stored_at',
      'received_at',
    ],
    ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'timestamptz', 'timestamptz'],
  );
  const shipments = new Columns(
    'shipments',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'sender',
      'recipient',
      'carrier',
      'weight_grams',
      'fee_fen',
      'device_at',
      'received_at',
    ],
    [
      'text',
      'text',
      'text',
      'text',
      'text',
      'jsonb',
      'jsonb',
      'text',
      'int4',
      'int8',
      'timestamptz',
      'timestamptz',
    ],
  );
  const trainings = new Columns(
    'trainings',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'topic',
      'attendees',
      'day',
      'device_at',
      'received_at',
    ],
    ['text', 'text', 'text', 'text', 'text', 'text', 'int4', 'date', 'timestamptz', 'timestamptz'],
  );
  const activity = new Columns(
    'device_activity_month',
    ['county_id', 'month', 'village_id', 'device_id'],
    ['text', 'date', 'text', 'text'],
  );
  const jobs = new Columns(
    'job_records',
    ['county_id', 'id', 'village_id', 'month', 'jobs', 'note'],
    ['text', 'text', 'text', 'date', 'int4', 'text'],
  );
  const sales = new Columns(
    'shop_sales',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'total_fen',
      'lines',
      'device_at',
      'received_at',
    ],
    ['text', 'text', 'text', 'text', 'text', 'int8', 'jsonb', 'timestamptz', 'timestamptz'],
  );
  const villagers = new Columns(
    'villagers',
    [
      'county_id',
      'id',
      'village_id',
      'device_id',
      'mutation_id',
      'phone',
      'consent_at',
      'operator_id',
      'device_at',
      'received_at',
    ],
    ['text', 'text', 'text', 'text', 'text', 'text', 'timestamptz', 'text', 'timestamptz', 'timestamptz'],
  );
  const all = [
    villagers,
    orders,
    lines,
    produce,
    bills,
    tickets,
    parcels,
    shipments,
    trainings,
    activity,
    jobs,
    sales,
  ];

  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO counties (id, code, name, city) VALUES ($1, $2, $3, '生成数据')`, [
      countyId,
      `G${code}`,
      opts.countyName ?? '示范县（生成）',
    ]);
    for (const [i, t] of county.townships.entries()) {
      await tx.query('INSERT INTO townships (id, county_id, code, name) VALUES ($1, $2, $3, $4)', [
        t.id,
        countyId,
        `G${code}${pad(i + 1, 3)}`,
        t.name,
      ]);
    }
    const created = cstTime(addMonths(firstMonth, -1), 1, 9, 0);
    await tx.query(
      `INSERT INTO villages (id, county_id, township_id, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [
        villages.map((v) => v.id),
        villages.map(() => countyId),
        villages.map((v) => v.townshipId),
        villages.map((v) => v.name),
      ],
    );
    await tx.query(
      `INSERT INTO devices (id, county_id, township_id, village_id, name, token_hash, created_at, last_seen_at)
       SELECT 'dev-' || v.id, v.county_id, v.township_id, v.id, v.name || '终端', encode(sha256(convert_to(v.id, 'UTF8')), 'hex'),
              $2::timestamptz, $3::timestamptz
       FROM villages v WHERE v.county_id = $1`,
      [countyId, created, cstTime(opts.endMonth, 20, 12, 0)],
    );
  });

  // A transaction per group of villages: one transaction for a whole county of 600 villages ran
  // PGlite out of memory.
  for (let start = 0; start < villages.length; start += VILLAGES_PER_TRANSACTION) {
    await db.transaction(async (tx) => {
      if (opts.bulk === true) await tx.exec(`SET LOCAL session_replication_role = replica`);
      const flush = async (force: boolean) => {
        for (const c of all) if (force || c.length >= FLUSH_AT) county.rows += await c.flush(tx);
      };

      for (const village of villages.slice(start, start + VILLAGES_PER_TRANSACTION)) {
        const dev = deviceOf(village.id);
        const byMonth = new Map<string, VillageMonthTotals>();
        county.totals.set(village.id, byMonth);
        // A village's own phones: a few dozen households who order again and again.
        const phones = Array.from({ length: int(20, 60) }, () => `13${int(100_000_000, 999_999_999)}`);
        const size = 0.5 + rand(); // some villages trade more than others
        // The register: the buyers and more, signed up over the first half of the period.
        const registered = new Set(phones);
        for (let i = int(50, 150); i > 0; i--) registered.add(`13${int(100_000_000, 999_999_999)}`);
        const signUps = [...registered].map((phone) => ({
          phone,
          month: addMonths(firstMonth, int(0, Math.floor(opts.months / 2))),
        }));
        for (let mi = 0; mi < opts.months; mi++) {
          const month = addMonths(firstMonth, mi);
          const t = emptyTotals();
          byMonth.set(month, t);
          // Growth over the period: later months trade more.
          const scale = size * (0.7 + (0.6 * mi) / Math.max(1, opts.months - 1));
          const at = () => cstTime(month, int(1, 28), int(0, 23), int(0, 59));
          const id = (kind: string, n: number) => `${kind}-${village.id}-${month}-${n}`;
          const mid = (kind: string, n: number) => `gen-${kind}-${village.id}-${month}-${n}`;

          signUps.forEach((s, i) => {
            if (s.month !== month) return;
            const when = at();
            villagers.push(
              countyId,
              id('vr', i),
              village.id,
              dev,
              mid('vr', i),
              s.phone,
              when,
              'op-1',
              when,
              when,
            );
            t.registered += 1;
          });

          const nOrders = Math.round(ordersPerMonth * scale * (0.8 + 0.4 * rand()));
          for (let i = 0; i < nOrders; i++) {
            const qty = int(1, 4);
            const unit = int(500, 30_000);
            const total = qty * unit;
            const phone = phones[int(0, phones.length - 1)]!;
            const r = rand();
            const status =
              r < 0.05 ? 'cancelled' : r < 0.07 ? 'rejected' : r < 0.6 ? 'completed' : 'received';
            // Now and then the county settles a price change.
            const settled =
              status === 'completed' && rand() < 0.1 ? total - int(0, Math.min(total, 500)) : null;
            const when = at();
            orders.push(
              countyId,
              id('o', i),
              village.id,
              dev,
              mid('o', i),
              phone,
              total,
              rand() < 0.3 ? 'epay' : 'cash',
              'point',
              status,
              settled,
              when,
              when,
            );
            lines.push(countyId, id('o', i), 1, `sku-${int(10_001, 12_000)}`, '生成商品', qty, unit);
            t.phones.add(phone);
            if (status === 'cancelled' || status === 'rejected') t.cancelledOrders += 1;
            else {
              t.orders += 1;
              t.ordersFen += settled ?? total;
            }
          }
          const nProduce = Math.round(4 * scale * rand() * 2);
          for (let i = 0; i < nProduce; i++) {
            // Quantities with decimals: the amount is rounded to whole fen once, per listing.
            const quantity = int(10, 5000) / 10;
            const price = int(150, 2000);
            const r = rand();
            const status = r < 0.6 ? 'sold' : r < 0.7 ? 'offered' : r < 0.85 ? 'confirmed' : 'listed';
            const offer = status === 'sold' || status === 'offered' ? price - int(0, 100) : null;
            const when = at();
            produce.push(
              countyId,
              id('l', i),
              village.id,
              dev,
              mid('l', i),
              phones[0],
              '柑橘',
              quantity,
              '斤',
              price,
              offer,
              status,
              when,
              when,
            );
            if (status === 'sold') {
              t.produce += 1;
              t.produceFen += Math.round(quantity * offer!);
            }
          }
          const nBills = Math.round(10 * scale * (0.5 + rand()));
          for (let i = 0; i < nBills; i++) {
            const amount = int(10, 300) * 100;
            const failed = rand() < 0.04;
            const when = at();
            bills.push(
              countyId,
              id('b', i),
              village.id,
              dev,
              mid('b', i),
              phones[i % phones.length],
              'electricity',
              '0123456789',
              amount,
              amount,
              failed ? amount : null,
              failed ? 'failed' : rand() < 0.8 ? 'completed' : 'pending',
              when,
              when,
            );
            if (!failed) {
              t.bills += 1;
              t.billsFen += amount;
            }
          }
          const nTickets = int(0, 3);
          for (let i = 0; i < nTickets; i++) {
            const when = at();
            const r = rand();
            const status = r < 0.6 ? 'confirmed' : r < 0.8 ? 'requested' : 'refused';
            const fare = status === 'confirmed' ? int(30, 200) * 100 : null;
            tickets.push(
              countyId,
              id('t', i),
              village.id,
              dev,
              mid('t', i),
              phones[0],
              '潜江—武汉',
              `${month}-15`,
              int(1, 3),
              status,
              fare === null ? null : '05车12号',
              fare === null ? null : when,
              fare,
              when,
              when,
            );
            if (status !== 'refused') {
              t.tickets += 1;
              t.ticketsFen += fare ?? 0;
            }
          }
          const nIn = Math.round(25 * scale * (0.7 + 0.6 * rand()));
          for (let i = 0; i < nIn; i++) {
            const when = at();
            parcels.push(
              countyId,
              id('p', i),
              village.id,
              dev,
              mid('p', i),
              `GEN${village.id}${month}${i}`.replace(/[^A-Za-z0-9]/g, ''),
              '圆通',
              phones[i % phones.length],
              '{"kind":"shelf","code":"A1"}',
              when,
              when,
            );
          }
          t.parcelsIn = nIn;
          const nOut = Math.round(5 * scale * rand() * 2);
          for (let i = 0; i < nOut; i++) {
            const fee = int(8, 30) * 100;
            const when = at();
            shipments.push(
              countyId,
              id('s', i),
              village.id,
              dev,
              mid('s', i),
              '{"name":"张三"}',
              '{"name":"李四"}',
              '邮政',
              int(200, 5000),
              fee,
              when,
              when,
            );
            t.parcelFeesFen += fee;
          }
          t.parcelsOut = nOut;
          const nSales = int(0, 6);
          for (let i = 0; i < nSales; i++) {
            const total = int(2, 80) * 50;
            const when = at();
            sales.push(
              countyId,
              id('c', i),
              village.id,
              dev,
              mid('c', i),
              total,
              JSON.stringify([{ itemId: 'local-1', name: '散装酱油', qty: 1, unitPriceFen: total }]),
              when,
              when,
            );
            t.salesFen += total;
          }
          t.sales = nSales;
          if (rand() < 0.3) {
            const attendees = int(5, 40);
            const when = at();
            trainings.push(
              countyId,
              id('tr', 0),
              village.id,
              dev,
              mid('tr', 0),
              '电商直播',
              attendees,
              when.slice(0, 10),
              when,
              when,
            );
            t.trainings = 1;
            t.trainees = attendees;
          }
          if (rand() < 0.9) {
            activity.push(countyId, `${month}-01`, village.id, dev);
            t.active = true;
          }
          if (rand() < 0.05) {
            const n = int(1, 3);
            jobs.push(countyId, id('j', 0), village.id, `${month}-01`, n, '快递收发员');
            t.jobs = n;
          }
        }
        await flush(false);
      }
      await flush(true);
    });
  }
  if (opts.bulk === true) await db.query('SELECT stats_rebuild($1)', [countyId]);
  return county;
}

/** Township and county totals of the generated per-village totals. */
export function sumTotals(
  county: GeneratedCounty,
  villageIds: readonly string[],
  month: string,
): VillageMonthTotals {
  const out = emptyTotals();
  for (const id of villageIds) {
    const t = county.totals.get(id)?.get(month);
    if (!t) continue;
    for (const key of Object.keys(out) as (keyof VillageMonthTotals)[]) {
      if (key === 'phones') t.phones.forEach((p) => out.phones.add(p));
      else if (key === 'active') out.active ||= t.active;
      else out[key] += t[key];
    }
  }
  return out;
}
