/**
 * Where the print queue keeps its jobs. Injected (STYLE.md habit 5): a file under the kiosk's data
 * folder in production, memory in unit tests.
 *
 * The file is JSON lines, one job per line, replaced atomically on every change (write a temporary
 * file, fsync it, rename it over the old one): a power cut leaves either the old queue or the new one,
 * never half of each. Lines that fail the schema are skipped and logged, not fatal — a queue that
 * cannot be read must not stop the kiosk from printing the next slip.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../common/logger';
import { driverErrorCodes } from '../result';
import { documentKinds, receiptDocumentSchema } from './document';

export const printJobSchema = z.object({
  id: z.string(),
  kind: z.enum(documentKinds),
  title: z.string(),
  document: receiptDocumentSchema,
  createdAt: z.number(),
  /** queued: not yet tried · printing: bytes may be on their way · printed · failed: offer a reprint */
  status: z.enum(['queued', 'printing', 'printed', 'failed']),
  attempts: z.number().int().nonnegative(),
  lastError: z.object({ code: z.enum(driverErrorCodes), message: z.string() }).optional(),
  printedAt: z.number().optional(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

export interface QueueStore {
  load(): Promise<PrintJob[]>;
  save(jobs: PrintJob[]): Promise<void>;
}

export class MemoryQueueStore implements QueueStore {
  jobs: PrintJob[] = [];
  load(): Promise<PrintJob[]> {
    return Promise.resolve(structuredClone(this.jobs));
  }
  save(jobs: PrintJob[]): Promise<void> {
    this.jobs = structuredClone(jobs);
    return Promise.resolve();
  }
}

export class FileQueueStore implements QueueStore {
  readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger = silentLogger,
  ) {
    this.file = join(dir, 'print-queue.jsonl');
  }

  async load(): Promise<PrintJob[]> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const jobs: PrintJob[] = [];
    for (const line of raw.split('\n')) {
      if (line.trim() === '') continue;
      try {
        jobs.push(printJobSchema.parse(JSON.parse(line)));
      } catch {
        this.logger.warn({ file: this.file, line: line.slice(0, 120) }, 'unreadable print job skipped');
      }
    }
    return jobs;
  }

  async save(jobs: PrintJob[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(jobs.map((j) => JSON.stringify(j)).join('\n') + (jobs.length ? '\n' : ''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
  }
}
