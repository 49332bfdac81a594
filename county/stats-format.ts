/**
 * Exact ratios and their display, shared by the report files (server) and the console (bundled: this
 * module imports nothing). Figures are integers (fen, counts) end to end; a ratio is kept as its
 * numerator and denominator and rounded only here, half away from zero, in integer arithmetic, so
 * the XLSX, the CSV, the printable page and the dashboard show the same digits.
 */

/** num / den, both integers; den > 0. */
export interface Fraction {
  num: number;
  den: number;
}

export const fraction = (num: number, den: number): Fraction | null => (den > 0 ? { num, den } : null);

/** (current − previous) / previous; null when there is no previous amount to grow from. */
export const growth = (current: number, previous: number): Fraction | null =>
  fraction(current - previous, previous);

/** num/den × scale, rounded half away from zero, as an exact BigInt. */
function scaledRound(f: Fraction, scale: bigint): bigint {
  const num = BigInt(f.num) * scale;
  const den = BigInt(f.den);
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return negative ? -q : q;
}

function decimalText(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = decimals > 0 ? `.${digits.slice(-decimals)}` : '';
  return `${negative ? '-' : ''}${Number(int).toLocaleString('en-US')}${frac}`;
}

/** 0.3512 → "35.1%"; null → "—". */
export function percentText(f: Fraction | null, decimals = 1): string {
  if (f === null) return '—';
  return `${decimalText(scaledRound(f, 100n * 10n ** BigInt(decimals)), decimals)}%`;
}

/** The percentage as a number rounded for display (spreadsheet cells, chart points). */
export function percentValue(f: Fraction | null, decimals = 1): number | null {
  if (f === null) return null;
  return Number(scaledRound(f, 100n * 10n ** BigInt(decimals))) / 10 ** decimals;
}

/** 1999 → "¥19.99", -50 → "-¥0.50". */
export function fenText(fen: number, opts: { symbol?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  return `${fen < 0 ? '-' : ''}${opts.symbol === false ? '' : '¥'}${decimalText(BigInt(Math.abs(fen)), 2)}`;
}

/** A fen fraction (an average) rounded to whole fen, as text. */
export const fenFractionText = (f: Fraction | null): string =>
  f === null ? '—' : fenText(Number(scaledRound(f, 1n)));

/** Whole fen of a fen fraction (spreadsheet cells). */
export const fenFractionValue = (f: Fraction | null): number | null =>
  f === null ? null : Number(scaledRound(f, 1n));

/** Exact comparison with a target percentage: num/den ≥ pct/100, without division. */
export const meetsPercent = (f: Fraction | null, pct: number): boolean | null =>
  f === null ? null : BigInt(f.num) * 100n >= BigInt(pct) * BigInt(f.den);

/** Exact comparison of a fen fraction with a target in fen. */
export const meetsFen = (f: Fraction | null, targetFen: number): boolean | null =>
  f === null ? null : BigInt(f.num) >= BigInt(targetFen) * BigInt(f.den);

/** The plan's targets (示范县建设目标). */
export const TARGETS = {
  /** Month-on-month and year-on-year growth of the transaction amount, percent. */
  growthPct: 35,
  /** Average online spending per service point, a year, fen: ¥50,000. */
  annualSpendPerPointFen: 5_000_000,
  /** Service points active ÷ administrative villages, percent. */
  coveragePct: 80,
  /** Villagers trained, cumulative. */
  trainees: 3000,
} as const;

/** 'YYYY-MM' ± n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
