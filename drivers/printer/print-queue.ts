/**
 * The persistent print queue. Every slip goes through it, so nothing the villager paid for is lost to
 * an empty paper roll:
 * - a job is written to the store before its bytes go out (status 'printing');
 * - if the print fails (paper out, cover open, printer gone) the job stays, 'failed', with the reason,
 *   and the operator reprints it when the printer is back;
 * - any print after the first attempt is marked 重印 on the paper: it may not be the only copy;
 * - a job found 'printing' or 'queued' when the kiosk starts was cut off by a crash or power cut: it
 *   becomes 'failed' and is offered for reprint, never printed again by itself (ARCHITECTURE.md §4).
 */
import { ulid } from 'ulid';
import { silentLogger, type Logger } from '../../common/logger';
import { systemClock, type Clock } from '../clock';
import { fail, ok, type DriverError, type DriverResult } from '../result';
import type { ReceiptDocument } from './document';
import type { ReceiptPrinter } from './receipt-printer';
import type { PrintJob, QueueStore } from './queue-store';

export type PrintFailure = DriverError & { jobId: string };
export type PrintResult = { ok: true; value: PrintJob } | { ok: false; error: PrintFailure };

export interface PrintQueueOptions {
  store: QueueStore;
  printer: ReceiptPrinter;
  clock?: Clock;
  newId?: () => string;
  logger?: Logger;
  /** Printed jobs kept for "print that again" (failed jobs are always kept). Default 50. */
  keepPrinted?: number;
}

export class PrintQueue {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private jobsById: Map<string, PrintJob>,
    private readonly opts: Required<PrintQueueOptions>,
  ) {}

  static async open(options: PrintQueueOptions): Promise<PrintQueue> {
    const opts: Required<PrintQueueOptions> = {
      clock: systemClock,
      newId: ulid,
      logger: silentLogger,
      keepPrinted: 50,
      ...options,
    };
    const jobs = await opts.store.load();
    let interrupted = 0;
    for (const job of jobs) {
      if (job.status === 'printing' || job.status === 'queued') {
        job.status = 'failed';
        job.lastError = {
          code: 'IO_ERROR',
          message: '打印被中断（断电或重启），请确认后重印 / interrupted by a restart: check, then reprint',
        };
        interrupted++;
      }
    }
    const queue = new PrintQueue(new Map(jobs.map((j) => [j.id, j])), opts);
    if (interrupted > 0) {
      opts.logger.warn({ interrupted }, 'print jobs interrupted by a restart are waiting for a reprint');
      await opts.store.save(queue.jobs());
    }
    return queue;
  }

  /** Prints a new document. On failure the job stays in the queue; the error carries its id. */
  submit(document: ReceiptDocument): Promise<PrintResult> {
    return this.serial(async () => {
      const job: PrintJob = {
        id: this.opts.newId(),
        kind: document.kind,
        title: document.title,
        document,
        createdAt: this.opts.clock.now(),
        status: 'queued',
        attempts: 0,
      };
      this.jobsById.set(job.id, job);
      return this.attempt(job);
    });
  }

  /** Prints a queued job again — a failed one, or a printed one the villager lost — marked 重印. */
  reprint(jobId: string): Promise<PrintResult> {
    return this.serial(async () => {
      const job = this.jobsById.get(jobId);
      if (!job)
        return { ok: false, error: { ...fail('JOB_NOT_FOUND', `没有打印任务 ${jobId}`).error, jobId } };
      return this.attempt(job);
    });
  }

  /** The operator gives up on a failed job (the villager has gone; it will not be reprinted). */
  discard(jobId: string): Promise<DriverResult<void>> {
    return this.serial(async () => {
      if (!this.jobsById.delete(jobId)) return fail('JOB_NOT_FOUND', `没有打印任务 ${jobId}`);
      await this.opts.store.save(this.jobs());
      return ok(undefined);
    });
  }

  /** All jobs, newest first. */
  jobs(): PrintJob[] {
    return [...this.jobsById.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  failed(): PrintJob[] {
    return this.jobs().filter((j) => j.status === 'failed');
  }

  private async attempt(job: PrintJob): Promise<PrintResult> {
    job.attempts++;
    job.status = 'printing';
    await this.persist(); // before any byte leaves: a power cut from here on is seen at the next start
    const printed = await this.opts.printer.print(job.document, { reprint: job.attempts > 1 });
    if (printed.ok) {
      job.status = 'printed';
      job.printedAt = this.opts.clock.now();
      delete job.lastError;
    } else {
      job.status = 'failed';
      job.lastError = printed.error;
      this.opts.logger.warn(
        { jobId: job.id, error: printed.error.code },
        'print failed; job kept for reprint',
      );
    }
    await this.persist();
    return printed.ok
      ? { ok: true, value: { ...job } }
      : { ok: false, error: { ...printed.error, jobId: job.id } };
  }

  private async persist(): Promise<void> {
    const printed = this.jobs().filter((j) => j.status === 'printed');
    for (const old of printed.slice(this.opts.keepPrinted)) this.jobsById.delete(old.id);
    await this.opts.store.save(this.jobs());
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
