/**
 * The monthly report's columns (每月度报送), one definition for the XLSX, the CSV and the printable
 * page in the console (which bundles this file: it imports only stats-format.ts and types), so the
 * three always show the same figures in the same order.
 */
import type { Indicators, Level } from './stats';
import {
  fenFractionText,
  fenFractionValue,
  fenText,
  percentText,
  percentValue,
  type Fraction,
} from './stats-format';

export interface ReportRow {
  level: Level;
  townshipId: string | null;
  townshipName: string;
  villageId: string | null;
  villageName: string;
  figures: Indicators;
}

export interface MonthlyReport {
  county: { id: string; name: string };
  month: string;
  generatedAt: string;
  /** The county's total, then each township followed by its villages. */
  rows: ReportRow[];
}

type Value =
  | { kind: 'text'; value: string }
  | { kind: 'count'; value: number | null }
  | { kind: 'fen'; value: number }
  | { kind: 'pct'; value: Fraction | null }
  | { kind: 'avgFen'; value: Fraction | null };

export interface ReportColumn {
  header: string;
  /** Spreadsheet column width, characters. */
  width: number;
  get: (row: ReportRow) => Value;
}

const LEVEL_NAMES: Record<Level, string> = { county: '全县', township: '乡镇', village: '村' };

const text = (value: string): Value => ({ kind: 'text', value });
const count = (value: number | null): Value => ({ kind: 'count', value });
const fen = (value: number): Value => ({ kind: 'fen', value });
const pct = (value: Fraction | null): Value => ({ kind: 'pct', value });

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { header: '级别', width: 6, get: (r) => text(LEVEL_NAMES[r.level]) },
  { header: '乡镇', width: 12, get: (r) => text(r.townshipName) },
  { header: '村', width: 12, get: (r) => text(r.villageName) },
  { header: '交易笔数', width: 10, get: (r) => count(r.figures.transactions.n) },
  { header: '交易额（元）', width: 14, get: (r) => fen(r.figures.transactions.fen) },
  { header: '环比增长', width: 9, get: (r) => pct(r.figures.mom) },
  { header: '同比增长', width: 9, get: (r) => pct(r.figures.yoy) },
  { header: '代购笔数', width: 9, get: (r) => count(r.figures.orders.n) },
  { header: '代购金额（元）', width: 14, get: (r) => fen(r.figures.orders.fen) },
  { header: '农产品网销笔数', width: 9, get: (r) => count(r.figures.produce.n) },
  { header: '农产品网销额（元）', width: 14, get: (r) => fen(r.figures.produce.fen) },
  { header: '缴费充值笔数', width: 9, get: (r) => count(r.figures.bills.n) },
  { header: '缴费充值金额（元）', width: 14, get: (r) => fen(r.figures.bills.fen) },
  { header: '订票笔数', width: 8, get: (r) => count(r.figures.tickets.n) },
  { header: '订票金额（元）', width: 12, get: (r) => fen(r.figures.tickets.fen) },
  { header: '店内销售笔数', width: 9, get: (r) => count(r.figures.sales.n) },
  { header: '店内销售额（元）', width: 12, get: (r) => fen(r.figures.sales.fen) },
  { header: '网购村民数', width: 9, get: (r) => count(r.figures.buyers) },
  { header: '注册村民数', width: 9, get: (r) => count(r.figures.registeredVillagers) },
  { header: '网购村民占比', width: 9, get: (r) => pct(r.figures.buyerShare) },
  { header: '服务站点数', width: 8, get: (r) => count(r.figures.servicePoints) },
  {
    header: '站点年均网购额（元）',
    width: 14,
    get: (r) => ({ kind: 'avgFen', value: r.figures.annualSpendPerPoint }),
  },
  { header: '活跃站点数', width: 8, get: (r) => count(r.figures.activePoints) },
  { header: '行政村数', width: 8, get: (r) => count(r.figures.villages) },
  { header: '站点覆盖率', width: 9, get: (r) => pct(r.figures.coverage) },
  { header: '进港包裹', width: 8, get: (r) => count(r.figures.parcelsIn) },
  { header: '出港包裹', width: 8, get: (r) => count(r.figures.parcelsOut) },
  { header: '培训场次', width: 8, get: (r) => count(r.figures.trainings) },
  { header: '培训人次', width: 8, get: (r) => count(r.figures.trainees) },
  { header: '累计培训人次', width: 10, get: (r) => count(r.figures.traineesToDate) },
  { header: '新增就业', width: 8, get: (r) => count(r.figures.jobs) },
  { header: '累计新增就业', width: 10, get: (r) => count(r.figures.jobsToDate) },
];

/** What a person reads: ¥ amounts, 35.1%, "—" for a figure that does not exist. */
export function cellText(value: Value): string {
  switch (value.kind) {
    case 'text':
      return value.value;
    case 'count':
      return value.value === null ? '—' : value.value.toLocaleString('en-US');
    case 'fen':
      return fenText(value.value, { symbol: false });
    case 'pct':
      return percentText(value.value);
    case 'avgFen':
      return value.value === null ? '—' : fenFractionText(value.value).replace('¥', '');
  }
}

/** What a spreadsheet cell holds: numbers stay numbers (yuan, or a percentage as a fraction of 1). */
export function cellNumber(value: Value): string | number | null {
  switch (value.kind) {
    case 'text':
      return value.value;
    case 'count':
      return value.value;
    case 'fen':
      return value.value / 100;
    case 'pct': {
      const p = percentValue(value.value);
      return p === null ? null : Math.round(p * 10) / 1000;
    }
    case 'avgFen': {
      const f = fenFractionValue(value.value);
      return f === null ? null : f / 100;
    }
  }
}
