/**
 * Money is integer fen everywhere; only here does it become text. No floating point on the way:
 * 1999 fen → "¥19.99", -50 → "-¥0.50".
 */
export function formatFen(fen: number, opts: { symbol?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${opts.symbol === false ? '' : '¥'}${yuan.toLocaleString('en-US')}.${cents}`;
}

/** "12.5" or "12.50" typed on a keypad → 1250 fen; anything else → undefined (never a rounded guess). */
export function parseYuan(text: string): number | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
