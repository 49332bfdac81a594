/**
 * The plan's statistics, per month and per county / township / village, read from the roll-up that
 * migration 0009 keeps (stats_village_month, stats_order_phones, device_activity_month) plus the small
 * tables (devices, villages, job_records, villagers). Every figure is an integer (fen, counts); ratios
 * are Fractions, rounded only for display (stats-format.ts).
 *
 * A month is a China Standard Time calendar month of the county's `received_at` (see 0009): the order
 * list filtered to that month's days (orders.ts, same time zone) holds exactly the orders counted.
 */
import type { Queryable } from './db';
import { addMonths, fraction, growth, type Fraction } from './stats-format';

export type Level = 'county' | 'township' | 'village';

export interface Counted {
  n: number;
  fen: number;
}

export interface MonthFigures {
  month: string;
  /** 代购: orders not cancelled or rejected, at their settled (else placed) total. */
  orders: Counted;
  /** 代销: farm produce listings confirmed or sold, quantity × asking price. */
  produce: Counted;
  /** 缴费充值 not failed or refunded. */
  bills: Counted;
  /** 订票 requests not refused, at their fare once confirmed. */
  tickets: Counted;
  /** 店内销售 (counter sales), where the county records them. */
  sales: Counted;
  /** All of the above: the programme's transactions (交易笔数, 交易额). */
  transactions: Counted;
  parcelsIn: number;
  parcelsOut: number;
  parcelFeesFen: number;
  trainings: number;
  trainees: number;
  /** Trainees from the first record to this month's end (the target is cumulative). */
  traineesToDate: number;
  jobs: number;
  jobsToDate: number;
  /** Distinct phones that placed an order this month. */
  buyers: number;
  /** Villagers registered (villager.registered) by the month's end. */
  registeredVillagers: number;
  villages: number;
  /** Villages with a terminal in service during the month. */
  servicePoints: number;
  /** Villages whose terminal synced during the month (the running month: in the last 30 days). */
  activePoints: number;
}

export interface Indicators extends MonthFigures {
  /** Transaction amount, month on month and year on year. */
  mom: Fraction | null;
  yoy: Fraction | null;
  /** buyers ÷ registered villagers. */
  buyerShare: Fraction | null;
  /** Order amount × 12 ÷ service points, in fen a year. */
  annualSpendPerPoint: Fraction | null;
  /** Active points ÷ villages. */
  coverage: Fraction | null;
}

export interface Scope {
  countyId: string;
  townshipId?: string | undefined;
  villageId?: string | undefined;
}

const KEY: Record<Level, string> = { county: 'v.county_id', township: 'v.township_id', village: 'v.id' };

/** Villages of the scope, as SQL over `v` with $1 county, $2 township, $3 village. */
const IN_SCOPE = `v.county_id = $1 AND ($2::text IS NULL OR v.township_id = $2) AND ($3::text IS NULL OR v.id = $3)`;

const monthDate = (month: string) => `${month}-01`;

function emptyFigures(month: string, villages: number): MonthFigures {
  const zero = () => ({ n: 0, fen: 0 });
  return {
    month,
    orders: zero(),
    produce: zero(),
    bills: zero(),
    tickets: zero(),
    sales: zero(),
    transactions: zero(),
    parcelsIn: 0,
    parcelsOut: 0,
    parcelFeesFen: 0,
    trainings: 0,
    trainees: 0,
    traineesToDate: 0,
    jobs: 0,
    jobsToDate: 0,
    buyers: 0,
    registeredVillagers: 0,
    villages,
    servicePoints: 0,
    activePoints: 0,
  };
}

/** The CST calendar month that `now` falls in, 'YYYY-MM'. */
export function currentMonth(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

type Grid = Map<string, Map<string, MonthFigures>>;

/**
 * FROM … WHERE over a roll-up table `alias` (which has county_id and village_id) for the scope, and
 * the group key. Villages are joined only when the township is needed: at 600 villages × 36 months
 * the join is most of a query's time.
 */
function rollup(table: string, alias: string, group: Level, scope: Scope) {
  const join = group === 'township' || scope.townshipId !== undefined;
  const key =
    group === 'township'
      ? 'v.township_id'
      : group === 'village'
        ? `${alias}.village_id`
        : `${alias}.county_id`;
  return {
    key,
    from: `${table} ${alias}${join ? ` JOIN villages v ON v.id = ${alias}.village_id` : ''}
      WHERE ${alias}.county_id = $1 AND ($3::text IS NULL OR ${alias}.village_id = $3)
        AND ${join ? '($2::text IS NULL OR v.township_id = $2)' : '$2::text IS NULL'}`,
  };
}

/**
 * Figures of each of `months` ('YYYY-MM', ascending) for each group (county, township or village)
 * of the scope. Groups without any village in scope are absent; months without records are zeros.
 */
export async function monthFigures(
  db: Queryable,
  scope: Scope,
  group: Level,
  months: readonly string[],
  now: Date,
): Promise<Grid> {
  const key = KEY[group];
  const params = [scope.countyId, scope.townshipId ?? null, scope.villageId ?? null];
  const to = months.at(-1)!;
  const dates = months.map(monthDate);
  const withMonths = [...params, dates];

  const villageCounts = await db.query<{ key: string; n: number }>(
    `SELECT ${key} AS key, count(*)::bigint AS n FROM villages v WHERE ${IN_SCOPE} GROUP BY 1`,
    params,
  );
  const grid: Grid = new Map(
    villageCounts.map((g) => [g.key, new Map(months.map((m) => [m, emptyFigures(m, g.n)]))]),
  );
  const cell = (k: string, month: string) => grid.get(k)?.get(month);
  const stats = rollup('stats_village_month', 's', group, scope);
  const activity = rollup('device_activity_month', 'a', group, scope);
  const jobRows = rollup('job_records', 'j', group, scope);

  const [metrics, cumulative, buyers, active, points, jobs] = await Promise.all([
    // Grouped on the date, formatted after: formatting per row costs more than the aggregation.
    db.query<{ key: string; month: string; metric: string; n: number; value: number }>(
      `SELECT key, left(month::text, 7) AS month, metric, n, value FROM (
         SELECT ${stats.key} AS key, s.month, s.metric, sum(s.n)::bigint AS n, sum(s.value)::bigint AS value
         FROM ${stats.from} AND s.month = ANY($4::date[])
         GROUP BY 1, 2, 3) g`,
      withMonths,
    ),
    // Trainees and registered villagers to date: every month up to the last one (the months asked
    // for may skip some).
    db.query<{ key: string; month: string; metric: string; n: number }>(
      `SELECT key, left(month::text, 7) AS month, metric, n FROM (
         SELECT ${stats.key} AS key, s.month, s.metric,
                sum(CASE s.metric WHEN 'training' THEN s.value ELSE s.n END)::bigint AS n
         FROM ${stats.from} AND s.metric IN ('training', 'villager') AND s.month <= $4::date
         GROUP BY 1, 2, 3) g`,
      [...params, monthDate(to)],
    ),
    db.query<{ key: string; month: string; n: number }>(
      `SELECT area AS key, left(month::text, 7) AS month, n FROM stats_buyers
       WHERE county_id = $1 AND month = ANY($2::date[]) AND area = ANY($3::text[])`,
      [scope.countyId, dates, [...grid.keys()]],
    ),
    db.query<{ key: string; month: string; n: number }>(
      `SELECT key, left(month::text, 7) AS month, n FROM (
         SELECT ${activity.key} AS key, a.month, count(DISTINCT a.village_id)::bigint AS n
         FROM ${activity.from} AND a.month = ANY($4::date[])
         GROUP BY 1, 2) g`,
      withMonths,
    ),
    // A terminal serves its village in a month if it was provisioned before the month ended and not
    // revoked before it began.
    db.query<{ key: string; month: string; n: number }>(
      `SELECT ${key} AS key, left(m.month::text, 7) AS month, count(DISTINCT d.village_id)::bigint AS n
       FROM unnest($4::date[]) AS m(month)
       JOIN devices d ON d.created_at < ((m.month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')
                     AND (d.revoked_at IS NULL OR d.revoked_at >= (m.month::timestamp AT TIME ZONE 'Asia/Shanghai'))
       JOIN villages v ON v.id = d.village_id
       WHERE d.county_id = $1 AND ${IN_SCOPE}
       GROUP BY 1, 2`,
      withMonths,
    ),
    db.query<{ key: string; month: string; n: number }>(
      `SELECT ${jobRows.key} AS key, left(j.month::text, 7) AS month, sum(j.jobs)::bigint AS n
       FROM ${jobRows.from} AND j.month <= $4::date
       GROUP BY 1, 2`,
      [...params, monthDate(to)],
    ),
  ]);

  for (const r of metrics) {
    const f = cell(r.key, r.month);
    if (!f) continue;
    const counted = { n: r.n, fen: r.value };
    switch (r.metric) {
      case 'order':
        f.orders = counted;
        break;
      case 'produce':
        f.produce = counted;
        break;
      case 'bill':
        f.bills = counted;
        break;
      case 'ticket':
        f.tickets = counted;
        break;
      case 'sale':
        f.sales = counted;
        break;
      case 'parcel_in':
        f.parcelsIn = r.n;
        break;
      case 'parcel_out':
        f.parcelsOut = r.n;
        f.parcelFeesFen = r.value;
        break;
      case 'training':
        f.trainings = r.n;
        f.trainees = r.value;
        break;
    }
  }
  for (const r of buyers) {
    const f = cell(r.key, r.month);
    if (f) f.buyers = r.n;
  }
  for (const r of active) {
    const f = cell(r.key, r.month);
    if (f) f.activePoints = r.n;
  }
  for (const r of points) {
    const f = cell(r.key, r.month);
    if (f) f.servicePoints = r.n;
  }

  // The running month is not over: "synced during the month" would read low on its 2nd day, so it
  // counts terminals seen in the last 30 days instead.
  const running = currentMonth(now);
  if (months.includes(running)) {
    const recent = await db.query<{ key: string; n: number }>(
      `SELECT ${key} AS key, count(DISTINCT d.village_id)::bigint AS n
       FROM devices d JOIN villages v ON v.id = d.village_id
       WHERE d.county_id = $1 AND ${IN_SCOPE} AND d.revoked_at IS NULL
         AND d.last_seen_at >= $4::timestamptz - interval '30 days'
       GROUP BY 1`,
      [...params, now],
    );
    for (const g of grid.keys()) {
      const f = cell(g, running);
      if (f) f.activePoints = recent.find((r) => r.key === g)?.n ?? 0;
    }
  }

  const traineesOf = byGroup(cumulative.filter((r) => r.metric === 'training'));
  const registerOf = byGroup(cumulative.filter((r) => r.metric === 'villager'));
  const jobsOf = byGroup(jobs);
  const toDate = (rows: [string, number][] | undefined, month: string) =>
    (rows ?? []).reduce((sum, [m, n]) => (m <= month ? sum + n : sum), 0);
  for (const [g, byMonth] of grid) {
    for (const f of byMonth.values()) {
      f.traineesToDate = toDate(traineesOf.get(g), f.month);
      f.registeredVillagers = toDate(registerOf.get(g), f.month);
      f.jobs = jobsOf.get(g)?.find(([m]) => m === f.month)?.[1] ?? 0;
      f.jobsToDate = toDate(jobsOf.get(g), f.month);
      f.transactions = {
        n: f.orders.n + f.produce.n + f.bills.n + f.tickets.n + f.sales.n,
        fen: f.orders.fen + f.produce.fen + f.bills.fen + f.tickets.fen + f.sales.fen,
      };
    }
  }
  return grid;
}

function byGroup(rows: { key: string; month: string; n: number }[]): Map<string, [string, number][]> {
  const out = new Map<string, [string, number][]>();
  for (const r of rows) {
    if (!out.has(r.key)) out.set(r.key, []);
    out.get(r.key)!.push([r.month, r.n]);
  }
  return out;
}

/** Adds the ratios to a month's figures, given the same group's figures 1 and 12 months earlier. */
export function indicators(
  f: MonthFigures,
  previous: MonthFigures | undefined,
  lastYear: MonthFigures | undefined,
): Indicators {
  return {
    ...f,
    mom: previous ? growth(f.transactions.fen, previous.transactions.fen) : null,
    yoy: lastYear ? growth(f.transactions.fen, lastYear.transactions.fen) : null,
    buyerShare: fraction(f.buyers, f.registeredVillagers),
    annualSpendPerPoint: fraction(f.orders.fen * 12, f.servicePoints),
    coverage: fraction(f.activePoints, f.villages),
  };
}

/** Each group's indicators for `month` (figures of month−12 … month are read for the growth). */
export async function indicatorsFor(
  db: Queryable,
  scope: Scope,
  group: Level,
  month: string,
  now: Date,
): Promise<Map<string, Indicators>> {
  const grid = await monthFigures(
    db,
    scope,
    group,
    [addMonths(month, -12), addMonths(month, -1), month],
    now,
  );
  const out = new Map<string, Indicators>();
  for (const [g, byMonth] of grid) {
    out.set(
      g,
      indicators(byMonth.get(month)!, byMonth.get(addMonths(month, -1)), byMonth.get(addMonths(month, -12))),
    );
  }
  return out;
}

/** One group's indicators for each of the `count` months ending with `month`, oldest first. */
export async function indicatorSeries(
  db: Queryable,
  scope: Scope,
  group: Level,
  month: string,
  count: number,
  now: Date,
): Promise<Indicators[]> {
  const from = addMonths(month, -(count - 1));
  const grid = await monthFigures(db, scope, group, monthsBetween(addMonths(from, -12), month), now);
  const [byMonth] = grid.values();
  if (!byMonth) return [];
  return monthsBetween(from, month).map((m) =>
    indicators(byMonth.get(m)!, byMonth.get(addMonths(m, -1)), byMonth.get(addMonths(m, -12))),
  );
}

/** Villages' figures summed into their township's or county's. Buyers do not add up: given per area. */
export function sumFigures(month: string, parts: readonly MonthFigures[], buyers: number): MonthFigures {
  const out = emptyFigures(month, 0);
  const add = (a: Counted, b: Counted) => ({ n: a.n + b.n, fen: a.fen + b.fen });
  for (const f of parts) {
    out.orders = add(out.orders, f.orders);
    out.produce = add(out.produce, f.produce);
    out.bills = add(out.bills, f.bills);
    out.tickets = add(out.tickets, f.tickets);
    out.sales = add(out.sales, f.sales);
    out.transactions = add(out.transactions, f.transactions);
    out.parcelsIn += f.parcelsIn;
    out.parcelsOut += f.parcelsOut;
    out.parcelFeesFen += f.parcelFeesFen;
    out.trainings += f.trainings;
    out.trainees += f.trainees;
    out.traineesToDate += f.traineesToDate;
    out.jobs += f.jobs;
    out.jobsToDate += f.jobsToDate;
    out.registeredVillagers += f.registeredVillagers;
    // A village counts once in each of these, so they add up exactly.
    out.villages += f.villages;
    out.servicePoints += f.servicePoints;
    out.activePoints += f.activePoints;
  }
  out.buyers = buyers;
  return out;
}

export interface AllLevels {
  county: Indicators;
  townships: Map<string, Indicators>;
  villages: Map<string, Indicators>;
}

/**
 * Every village's, township's and the county's indicators for `month` from ONE village-level read,
 * summed here (the monthly report): reading each level from the database would scan the same rows
 * three times. stats.test.ts checks the sums against indicatorsFor at each level.
 */
export async function indicatorsAllLevels(
  db: Queryable,
  countyId: string,
  month: string,
  now: Date,
): Promise<AllLevels> {
  const months = [addMonths(month, -12), addMonths(month, -1), month];
  const [grid, places] = await Promise.all([
    monthFigures(db, { countyId }, 'village', months, now),
    db.query<{ id: string; township: string }>(
      'SELECT id, township_id AS township FROM villages WHERE county_id = $1',
      [countyId],
    ),
  ]);
  const townshipIds = [...new Set(places.map((p) => p.township))];
  const buyers = await db.query<{ area: string; month: string; n: number }>(
    `SELECT area, left(month::text, 7) AS month, n FROM stats_buyers
     WHERE county_id = $1 AND month = ANY($2::date[]) AND area = ANY($3::text[])`,
    [countyId, months.map(monthDate), [countyId, ...townshipIds]],
  );
  const buyersOf = (area: string, m: string) => buyers.find((b) => b.area === area && b.month === m)?.n ?? 0;
  const finish = (byMonth: (m: string) => MonthFigures) =>
    indicators(byMonth(month), byMonth(months[1]!), byMonth(months[0]!));

  const villages = new Map<string, Indicators>();
  for (const [id, byMonth] of grid)
    villages.set(
      id,
      finish((m) => byMonth.get(m)!),
    );
  const townships = new Map<string, Indicators>();
  for (const t of townshipIds) {
    const members = places.filter((p) => p.township === t).map((p) => grid.get(p.id)!);
    townships.set(
      t,
      finish((m) =>
        sumFigures(
          m,
          members.map((g) => g.get(m)!),
          buyersOf(t, m),
        ),
      ),
    );
  }
  const all = [...grid.values()];
  const county = finish((m) =>
    sumFigures(
      m,
      all.map((g) => g.get(m)!),
      buyersOf(countyId, m),
    ),
  );
  return { county, townships, villages };
}
