/**
 * Test helper: a KioskApi printer that behaves like the shell's print queue does
 * (kiosk-shell/printer-service.ts): every print becomes a job; a fault keeps the job as 'failed' and
 * answers with its jobId; a reprint prints the job again and counts the attempt.
 */
import type {
  KioskMethod,
  KioskTransport,
  MethodOutput,
  PrintJob,
  PrintRequest,
  PrinterState,
  Result,
} from '../../kiosk-shell/api';

export class FakePrinter {
  jobs: PrintJob[] = [];
  state: PrinterState | 'absent' = 'ready';
  /** What each print request asked for, in order. */
  requests: PrintRequest[] = [];
  reprints: string[] = [];
  private clock = 1_700_000_000_000;

  readonly api: KioskTransport = {
    invoke: <M extends KioskMethod>(method: M, input: unknown) =>
      Promise.resolve(this.answer(method, input) as Result<MethodOutput<M>>),
  };

  private fault(): { code: 'PAPER_OUT' | 'COVER_OPEN' | 'PRINTER_OFFLINE'; message: string } | null {
    if (this.state === 'paper_out') return { code: 'PAPER_OUT', message: '打印机缺纸 / out of paper' };
    if (this.state === 'cover_open') return { code: 'COVER_OPEN', message: '打印机盖未关 / cover open' };
    if (this.state === 'offline') return { code: 'PRINTER_OFFLINE', message: '打印机离线 / offline' };
    return null;
  }

  private answer(method: string, input: unknown): Result<unknown> {
    if (this.state === 'absent' && method.startsWith('printer.'))
      return { ok: false, error: { code: 'NOT_AVAILABLE', message: '未配置打印机' } };
    switch (method) {
      case 'printer.status':
        return {
          ok: true,
          value: { state: this.state, model: '模拟打印机', paperWidthMm: 58, simulated: true },
        };
      case 'printer.jobs':
        return { ok: true, value: { jobs: this.jobs } };
      case 'printer.print': {
        const request = input as PrintRequest;
        this.requests.push(request);
        const title =
          request.kind === 'order-receipt'
            ? `代购小票 ${String((request.input as { orderNo?: string }).orderNo)}`
            : request.kind;
        const fault = this.fault();
        const job: PrintJob = {
          id: `job-${this.jobs.length + 1}`,
          kind: request.kind,
          title,
          status: fault ? 'failed' : 'printed',
          attempts: 1,
          createdAt: (this.clock += 60_000),
          ...(fault ? { lastError: fault } : { printedAt: this.clock }),
        };
        this.jobs.push(job);
        return fault ? { ok: false, error: { ...fault, jobId: job.id } } : { ok: true, value: job };
      }
      case 'printer.reprint': {
        const { jobId } = input as { jobId: string };
        this.reprints.push(jobId);
        const job = this.jobs.find((j) => j.id === jobId);
        if (!job) return { ok: false, error: { code: 'JOB_NOT_FOUND', message: jobId } };
        const fault = this.fault();
        const next: PrintJob = fault
          ? { ...job, status: 'failed', attempts: job.attempts + 1, lastError: fault }
          : { ...job, status: 'printed', attempts: job.attempts + 1, printedAt: this.clock };
        this.jobs = this.jobs.map((j) => (j.id === jobId ? next : j));
        return fault ? { ok: false, error: { ...fault, jobId } } : { ok: true, value: next };
      }
      default:
        return { ok: false, error: { code: 'NOT_AVAILABLE', message: method } };
    }
  }
}
