/** Figures for `npm run bench`: median and p95 of samples (nearest rank), and one aligned line each. */
export interface Stats {
  median: number;
  p95: number;
  n: number;
}

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), n: s.length };
}

export const fmt = (name: string, budget: string, r: Stats) =>
  `${name.padEnd(38)} median ${r.median.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   (n=${r.n}${budget ? `, budget ${budget}` : ''})`;
