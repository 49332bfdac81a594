/**
 * The receipt printer as the kiosk sees it: the real ReceiptPrinter behind its print queue, whatever
 * is at the other end of the wire (a network printer, a serial one, or the emulator under simulation).
 *
 * Every print goes through the persistent queue (drivers/printer/print-queue.ts): a job that fails
 * (paper out, cover open, printer gone) stays there with its reason, and the error carries its id so
 * the screen can offer 重印 at once; the reprint is marked 重印 on the paper by the driver.
 */
import type { z } from 'zod';
import type { ReceiptDocument } from '../drivers/printer/document';
import {
  cashReportSchema,
  orderReceiptSchema,
  dispatchManifestSchema,
  parcelLabelSchema,
  pickupSlipSchema,
} from '../drivers/printer/layout-inputs';
import {
  cashReport,
  dispatchManifest,
  orderReceipt,
  parcelLabel,
  pickupSlip,
  testPage,
} from '../drivers/printer/layouts';
import type { PrintQueue, PrintResult } from '../drivers/printer/print-queue';
import type { PrintJob as QueuedJob } from '../drivers/printer/queue-store';
import type { ReceiptPrinter } from '../drivers/printer/receipt-printer';
import { fail, ok, type PrintJob, type PrintRequest, type PrinterStatus, type Result } from './api';
import { driverFailure } from './driver-results';

export interface PrinterServiceOptions {
  printer: ReceiptPrinter;
  /** Opened once at start; a promise so the simulated hardware can be built synchronously. */
  queue: Promise<PrintQueue>;
  /** For the status bar and the test page: `模拟打印机 58mm`, `ESC/POS tcp://10.0.0.5:9100`. */
  model: string;
  simulated: boolean;
  /** The emulator's last receipt as text; only a simulated printer can show what it printed. */
  lastReceiptText?: () => string | undefined;
  now?: () => number;
  close: () => Promise<void>;
}

type Layout = (input: unknown) => Result<ReceiptDocument>;

function layout<T>(schema: z.ZodType<T>, render: (facts: T) => ReceiptDocument): Layout {
  return (input) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return ok(render(parsed.data));
    const issue = parsed.error.issues[0];
    return fail(
      'BAD_REQUEST',
      `打印内容有误 / bad print input: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  };
}

const layouts: Record<Exclude<PrintRequest['kind'], 'test-page'>, Layout> = {
  'order-receipt': layout(orderReceiptSchema, orderReceipt),
  'pickup-slip': layout(pickupSlipSchema, pickupSlip),
  'parcel-label': layout(parcelLabelSchema, parcelLabel),
  'dispatch-manifest': layout(dispatchManifestSchema, dispatchManifest),
  'cash-report': layout(cashReportSchema, cashReport),
};

export function jobView(job: QueuedJob): PrintJob {
  return {
    id: job.id,
    kind: job.kind,
    title: job.title,
    status: job.status,
    attempts: job.attempts,
    createdAt: job.createdAt,
    ...(job.printedAt !== undefined ? { printedAt: job.printedAt } : {}),
    ...(job.lastError ? { lastError: job.lastError } : {}),
  };
}

function jobResult(r: PrintResult): Result<PrintJob> {
  if (r.ok) return ok(jobView(r.value));
  const { code, message, jobId } = r.error;
  return { ok: false, error: { code, message, jobId } };
}

export class PrinterService {
  readonly simulated: boolean;

  constructor(private readonly opts: PrinterServiceOptions) {
    this.simulated = opts.simulated;
  }

  async status(): Promise<Result<PrinterStatus>> {
    const { printer, model, simulated } = this.opts;
    const base = { model, paperWidthMm: printer.paperWidthMm, simulated };
    const r = await printer.status();
    if (r.ok) return ok({ ...base, state: r.value.state });
    switch (r.error.code) {
      // A printer that cannot be reached is still this terminal's printer: the bar says 离线.
      case 'PRINTER_OFFLINE':
      case 'PRINTER_UNREACHABLE':
      case 'BUS_UNPLUGGED':
        return ok({ ...base, state: 'offline' });
      case 'STATUS_UNSUPPORTED':
        return ok({ ...base, state: 'unknown' });
      default:
        return driverFailure(r.error);
    }
  }

  async print(request: PrintRequest): Promise<Result<PrintJob>> {
    const document =
      request.kind === 'test-page' ? ok(this.testPage()) : layouts[request.kind](request.input);
    if (!document.ok) return document;
    return jobResult(await (await this.opts.queue).submit(document.value));
  }

  async jobs(): Promise<Result<{ jobs: PrintJob[] }>> {
    return ok({ jobs: (await this.opts.queue).jobs().map(jobView) });
  }

  async reprint(jobId: string): Promise<Result<PrintJob>> {
    return jobResult(await (await this.opts.queue).reprint(jobId));
  }

  lastReceiptText(): Promise<Result<{ text: string | null }>> {
    const read = this.opts.lastReceiptText;
    return Promise.resolve(
      read
        ? ok({ text: read() ?? null })
        : fail(
            'NOT_AVAILABLE',
            '只有模拟打印机能显示小票内容 / only the simulated printer can show its receipts',
          ),
    );
  }

  close(): Promise<void> {
    return this.opts.close();
  }

  private testPage(): ReceiptDocument {
    const { printer, model, now = Date.now } = this.opts;
    return testPage({
      printer: model.slice(0, 80),
      paperWidthMm: printer.paperWidthMm,
      at: new Date(now()).toISOString(),
    });
  }
}
