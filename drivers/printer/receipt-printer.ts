/**
 * One receipt printer behind any ByteTransport (TCP 9100, serial, USB device node, file).
 *
 * A print is checked on both sides: status first (nothing is sent to a printer that says it has no
 * paper — the job stays in the queue instead), then the bytes, then status again, so paper that ran
 * out during the job marks it failed and the operator is offered a reprint. One operation at a time:
 * status answers are bare bytes, so two overlapping requests could not tell their answers apart.
 */
import { silentLogger, type Logger } from '../../common/logger';
import { systemClock, type Clock } from '../clock';
import { fail, ok, type DriverError, type DriverResult } from '../result';
import type { ByteTransport } from '../transports/byte-transport';
import type { ReceiptDocument } from './document';
import { encodeEscPos } from './escpos-encoder';
import {
  DLE_EOT,
  interpretStatus,
  isStatusByte,
  STATUS_QUERIES,
  stateMessage,
  type PrinterStatusReport,
} from './escpos-status';
import { columnsFor, type PaperWidthMm } from './text-width';

export interface ReceiptPrinterOptions {
  transport: ByteTransport;
  paperWidthMm?: PaperWidthMm;
  /** How long to wait for each DLE EOT answer (default 1000 ms). */
  statusTimeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
}

export class ReceiptPrinter {
  readonly transport: ByteTransport;
  readonly paperWidthMm: PaperWidthMm;
  readonly cols: number;
  private readonly statusTimeoutMs: number;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private tail: Promise<unknown> = Promise.resolve();
  private received: number[] = [];
  private wake: (() => void) | undefined;

  constructor(opts: ReceiptPrinterOptions) {
    this.transport = opts.transport;
    this.paperWidthMm = opts.paperWidthMm ?? 58;
    this.cols = columnsFor(this.paperWidthMm);
    this.statusTimeoutMs = opts.statusTimeoutMs ?? 1_000;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.transport.onData((bytes) => {
      this.received.push(...bytes);
      this.wake?.();
    });
  }

  status(): Promise<DriverResult<PrinterStatusReport>> {
    return this.serial(() => this.readStatus());
  }

  /** Prints a document; `reprint` marks the paper 重印. */
  print(doc: ReceiptDocument, opts: { reprint?: boolean } = {}): Promise<DriverResult<{ bytes: number }>> {
    return this.serial(() =>
      this.printNow(encodeEscPos(doc, { cols: this.cols, reprint: opts.reprint ?? false })),
    );
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async printNow(bytes: Uint8Array): Promise<DriverResult<{ bytes: number }>> {
    if (this.transport.readable) {
      const before = await this.readStatus();
      if (!before.ok) return before;
      const problem = blocking(before.value);
      if (problem) return { ok: false, error: problem };
    }
    const written = await this.transport.write(bytes);
    if (!written.ok) {
      return fail('PRINTER_UNREACHABLE', written.error.message);
    }
    if (this.transport.readable) {
      const after = await this.readStatus();
      if (!after.ok) return after;
      const problem = blocking(after.value);
      if (problem) {
        return fail(problem.code, `${problem.message}；本单可能未打印完整 / the receipt may be incomplete`);
      }
    }
    this.logger.info({ bytes: bytes.length, target: this.transport.description }, 'printed');
    return ok({ bytes: bytes.length });
  }

  private async readStatus(): Promise<DriverResult<PrinterStatusReport>> {
    if (!this.transport.readable) {
      return fail(
        'STATUS_UNSUPPORTED',
        `该连接无法读取打印机状态 / ${this.transport.description} is write-only`,
      );
    }
    const answers: number[] = [];
    for (const n of STATUS_QUERIES) {
      this.received = [];
      const written = await this.transport.write(DLE_EOT(n));
      if (!written.ok) {
        return fail('PRINTER_UNREACHABLE', written.error.message);
      }
      const b = await this.nextStatusByte();
      if (b === undefined) return fail('PRINTER_OFFLINE', '打印机无应答 / the printer does not answer');
      answers.push(b);
    }
    const report = interpretStatus(answers[0]!, answers[1]!, answers[2]!);
    this.logger.debug({ raw: report.raw, state: report.state }, 'printer status');
    return ok(report);
  }

  private nextStatusByte(): Promise<number | undefined> {
    return new Promise((resolve) => {
      const check = () => {
        const i = this.received.findIndex(isStatusByte);
        if (i < 0) return false;
        const b = this.received[i]!;
        this.received = this.received.slice(i + 1);
        finish(b);
        return true;
      };
      const cancel = this.clock.setTimer(() => finish(undefined), this.statusTimeoutMs);
      const finish = (b: number | undefined) => {
        cancel();
        this.wake = undefined;
        resolve(b);
      };
      if (!check()) this.wake = () => void check();
    });
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/** The error that stops a print, or undefined when the printer can print (paper low still prints). */
function blocking(s: PrinterStatusReport): DriverError | undefined {
  switch (s.state) {
    case 'ready':
    case 'paper_low':
      return undefined;
    case 'paper_out':
      return { code: 'PAPER_OUT', message: stateMessage.paper_out };
    case 'cover_open':
      return { code: 'COVER_OPEN', message: stateMessage.cover_open };
    case 'offline':
      return { code: 'PRINTER_OFFLINE', message: stateMessage.offline };
  }
}
