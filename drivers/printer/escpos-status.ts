/**
 * Printer status through `DLE EOT n` (real-time: the printer answers even while offline or out of
 * paper, before anything queued in its buffer). Each answer is one byte whose fixed bits are
 * 0xx1xx10 — bit 1 and bit 4 set, bits 0 and 7 clear — which is how an answer is told from noise.
 *
 *   n = 1 printer status     bit 3: offline
 *   n = 2 offline cause      bit 2: cover open · bit 3: paper being fed by the button
 *                            bit 5: stopped for paper end · bit 6: an error occurred
 *   n = 4 roll paper sensor  bits 2–3: paper near its end · bits 5–6: paper end
 */
export const DLE_EOT = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);

/** The status requests a full report needs, in the order they are sent. */
export const STATUS_QUERIES = [1, 2, 4] as const;

export const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

export type PrinterState = 'ready' | 'paper_low' | 'paper_out' | 'cover_open' | 'offline';

export interface PrinterStatusReport {
  state: PrinterState;
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperLow: boolean;
  error: boolean;
  /** The three status bytes as received (n = 1, 2, 4), for the log. */
  raw: [number, number, number];
}

export function interpretStatus(printer: number, offlineCause: number, paper: number): PrinterStatusReport {
  const online = (printer & 0x08) === 0;
  const coverOpen = (offlineCause & 0x04) !== 0;
  const paperOut = (offlineCause & 0x20) !== 0 || (paper & 0x60) !== 0;
  const paperLow = (paper & 0x0c) !== 0;
  const error = (offlineCause & 0x40) !== 0;
  // The most useful thing to tell the operator first: a cover or paper problem says what to do.
  const state: PrinterState = coverOpen
    ? 'cover_open'
    : paperOut
      ? 'paper_out'
      : error || !online
        ? 'offline'
        : paperLow
          ? 'paper_low'
          : 'ready';
  return { state, online, coverOpen, paperOut, paperLow, error, raw: [printer, offlineCause, paper] };
}

/** The bytes a printer in this condition answers to DLE EOT 1, 2, 3 and 4 (for the emulator). */
export function statusBytes(c: {
  coverOpen: boolean;
  paperOut: boolean;
  paperLow: boolean;
  error: boolean;
}): Record<1 | 2 | 3 | 4, number> {
  const offline = c.coverOpen || c.paperOut || c.error;
  return {
    1: 0x12 | (offline ? 0x08 : 0),
    2: 0x12 | (c.coverOpen ? 0x04 : 0) | (c.paperOut ? 0x20 : 0) | (c.error ? 0x40 : 0),
    3: 0x12,
    4: 0x12 | (c.paperLow || c.paperOut ? 0x0c : 0) | (c.paperOut ? 0x60 : 0),
  };
}

export const stateMessage: Record<PrinterState, string> = {
  ready: '打印机正常 / printer ready',
  paper_low: '打印纸快用完 / paper low',
  paper_out: '打印机缺纸 / printer out of paper',
  cover_open: '打印机盖未关 / printer cover open',
  offline: '打印机离线 / printer offline',
};
