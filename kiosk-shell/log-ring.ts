/**
 * The shell's recent log lines, kept in memory so the technician can read them on the diagnostics
 * screen and export them to a file (KioskApi logs.recent / logs.export) — in Electron the logs
 * otherwise go to stdout, which nobody in a village can reach.
 *
 * Invariants: bounded (`capacity` lines, each cut at `maxLineChars`), so a device stuck logging cannot
 * grow the shell's memory; an export is written atomically under the data folder and never
 * overwrites an earlier one (its name carries the time).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from '../common/logger';

export class LogRing {
  private readonly kept: string[] = [];
  private partial = '';

  constructor(
    readonly capacity = 2_000,
    private readonly maxLineChars = 4_000,
  ) {}

  /** A pino destination: receives newline-terminated JSON lines (possibly several per call). */
  write(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) if (line) this.push(line);
    if (this.partial.length > this.maxLineChars) {
      this.push(this.partial);
      this.partial = '';
    }
  }

  private push(line: string): void {
    this.kept.push(line.length > this.maxLineChars ? `${line.slice(0, this.maxLineChars)}…` : line);
    if (this.kept.length > this.capacity) this.kept.splice(0, this.kept.length - this.capacity);
  }

  get size(): number {
    return this.kept.length;
  }

  /** The last `limit` lines, oldest first. */
  recent(limit: number): string[] {
    return this.kept.slice(-limit);
  }

  /** Writes every kept line to `${dir}/kiosk-log-<time>.txt`; returns the file and what it holds. */
  async exportTo(dir: string, now = new Date()): Promise<{ file: string; lines: number; bytes: number }> {
    await mkdir(dir, { recursive: true });
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const file = join(dir, `kiosk-log-${stamp}.txt`);
    const lines = [...this.kept];
    const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    const temp = `${file}.tmp`;
    await writeFile(temp, text, { encoding: 'utf8', mode: 0o600 });
    await rename(temp, file);
    return { file, lines: lines.length, bytes: Buffer.byteLength(text) };
  }
}

/**
 * The kiosk shell's root logger: to `file` (or stdout) as before, and into a LogRing as well.
 * Used by main.ts and scripts/start.ts in place of common/logger's createLogger.
 */
export function createKioskLogger(
  name: string,
  level: string,
  file?: string,
  ring = new LogRing(),
): { logger: Logger; ring: LogRing } {
  const main = file ? pino.destination({ dest: file, mkdir: true, sync: false }) : pino.destination(1);
  // The streams take every line the logger lets through; the logger's own level does the filtering.
  const logger = pino(
    { name, level },
    pino.multistream([
      { stream: main, level: 'trace' },
      { stream: ring, level: 'trace' },
    ]),
  );
  return { logger, ring };
}
