import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../clock';
import { PrinterEmulator } from '../emulators/printer-emulator';
import { createMemoryPair } from '../transports/memory-transport';
import { FileTransport } from '../transports/file-transport';
import { center, type ReceiptDocument } from './document';
import { readReceipts } from './escpos-reader';
import { PrintQueue } from './print-queue';
import { FileQueueStore, MemoryQueueStore, type PrintJob } from './queue-store';
import { ReceiptPrinter } from './receipt-printer';

const slip = (code: string): ReceiptDocument => ({
  kind: 'pickup-slip',
  title: `取件单 ${code}`,
  blocks: [center(`取件码 ${code}`)],
});

function rig() {
  const clock = new ManualClock();
  const [host, device] = createMemoryPair('printer');
  const emulator = new PrinterEmulator();
  emulator.attach(device);
  const printer = new ReceiptPrinter({ transport: host, clock, statusTimeoutMs: 500 });
  let n = 0;
  const newId = () => `job-${++n}`;
  return { clock, host, emulator, printer, newId };
}

describe('PrintQueue', () => {
  it('prints a job and keeps it as printed', async () => {
    const { emulator, printer, newId, clock } = rig();
    const queue = await PrintQueue.open({ store: new MemoryQueueStore(), printer, newId, clock });
    const r = await queue.submit(slip('111111'));
    expect(r.ok && r.value.status).toBe('printed');
    expect(emulator.lastReceiptText()).toContain('取件码 111111');
  });

  it('keeps a job that met an empty paper roll, then reprints it marked 重印', async () => {
    const { emulator, printer, newId, clock } = rig();
    const queue = await PrintQueue.open({ store: new MemoryQueueStore(), printer, newId, clock });
    emulator.conditions.paperOut = true;
    const r = await queue.submit(slip('222222'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'PAPER_OUT', jobId: 'job-1' });
    expect(queue.failed().map((j) => j.id)).toEqual(['job-1']);
    expect(emulator.printed).toHaveLength(0); // nothing was sent to a printer without paper

    emulator.conditions.paperOut = false;
    const again = await queue.reprint('job-1');
    expect(again.ok && again.value).toMatchObject({ status: 'printed', attempts: 2 });
    expect(emulator.lastReceipt()!.lines.map((l) => l.trim())).toEqual([
      '*** 重印 REPRINT ***',
      '取件码 222222',
      '*** 重印 REPRINT ***',
    ]);
    expect(queue.failed()).toEqual([]);
  });

  it('reports COVER_OPEN and PRINTER_OFFLINE from the printer status', async () => {
    const { emulator, printer, newId, clock } = rig();
    const queue = await PrintQueue.open({ store: new MemoryQueueStore(), printer, newId, clock });
    emulator.conditions.coverOpen = true;
    const cover = await queue.submit(slip('333333'));
    expect(cover.ok || cover.error.code).toBe('COVER_OPEN');
    emulator.conditions.coverOpen = false;
    emulator.conditions.silent = true;
    const pending = queue.submit(slip('444444'));
    await clock.advance(600);
    const silent = await pending;
    expect(silent.ok || silent.error.code).toBe('PRINTER_OFFLINE');
    expect(queue.failed()).toHaveLength(2);
  });

  it('turns a job cut off by a power cut into a failed job offered for reprint, never printed by itself', async () => {
    const { emulator, printer, newId, clock } = rig();
    const store = new MemoryQueueStore();
    const job: PrintJob = {
      id: 'cut-off',
      kind: 'pickup-slip',
      title: '取件单 555555',
      document: slip('555555'),
      createdAt: 1,
      status: 'printing',
      attempts: 1,
    };
    store.jobs = [job];
    const queue = await PrintQueue.open({ store, printer, newId, clock });
    expect(queue.failed()).toEqual([expect.objectContaining({ id: 'cut-off', status: 'failed' })]);
    expect(store.jobs[0]!.status).toBe('failed');
    expect(emulator.printed).toHaveLength(0);
    await queue.reprint('cut-off');
    expect(emulator.lastReceiptText()).toContain('重印');
  });

  it('answers JOB_NOT_FOUND for a job that is not in the queue, and discards on request', async () => {
    const { printer, newId, clock, emulator } = rig();
    const queue = await PrintQueue.open({ store: new MemoryQueueStore(), printer, newId, clock });
    expect((await queue.reprint('nope')).ok).toBe(false);
    emulator.conditions.paperOut = true;
    await queue.submit(slip('666666'));
    expect((await queue.discard('job-1')).ok).toBe(true);
    expect(queue.jobs()).toEqual([]);
  });
});

describe('FileQueueStore', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'vpk-queue-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps failed jobs across a restart, one JSON line per job', async () => {
    const { emulator, printer, newId, clock } = rig();
    emulator.conditions.paperOut = true;
    const first = await PrintQueue.open({ store: new FileQueueStore(dir), printer, newId, clock });
    await first.submit(slip('777777'));
    const lines = (await readFile(join(dir, 'print-queue.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const reopened = await PrintQueue.open({ store: new FileQueueStore(dir), printer, newId, clock });
    expect(reopened.failed()).toEqual([
      expect.objectContaining({ title: '取件单 777777', status: 'failed' }),
    ]);
  });

  it('skips a damaged line instead of losing the whole queue', async () => {
    const store = new FileQueueStore(dir);
    await store.save([
      {
        id: 'a',
        kind: 'test-page',
        title: 't',
        document: slip('1'),
        createdAt: 1,
        status: 'failed',
        attempts: 1,
      },
    ]);
    const file = join(dir, 'print-queue.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')) + '{"id": broken\n');
    expect((await store.load()).map((j) => j.id)).toEqual(['a']);
  });
});

describe('ReceiptPrinter on a write-only transport', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'vpk-lp-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints to a file (as to /dev/usb/lp0) and says status cannot be read there', async () => {
    const file = join(dir, 'lp0');
    const printer = new ReceiptPrinter({ transport: new FileTransport(file) });
    expect((await printer.print(slip('888888'))).ok).toBe(true);
    const [r] = readReceipts(new Uint8Array(await readFile(file)));
    expect(r!.lines[0]!.trim()).toBe('取件码 888888');
    const s = await printer.status();
    expect(s.ok || s.error.code).toBe('STATUS_UNSUPPORTED');
  });
});
