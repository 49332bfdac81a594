/**
 * The real printer code over TCP to the capturing emulator on 127.0.0.1 — as a network receipt
 * printer on port 9100 — including running out of paper in the middle of a day, and the technician
 * CLI run as a child process.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterEmulator } from '../../drivers/emulators/printer-emulator';
import { readReceipts } from '../../drivers/printer/escpos-reader';
import { pickupSlip } from '../../drivers/printer/layouts';
import { PrintQueue } from '../../drivers/printer/print-queue';
import { FileQueueStore } from '../../drivers/printer/queue-store';
import { ReceiptPrinter } from '../../drivers/printer/receipt-printer';
import { TcpTransport } from '../../drivers/transports/tcp-transport';
import { runCli } from './drivers-support';

let dir: string;
let emulator: PrinterEmulator;
let address: { host: string; port: number; url: string };
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vpk-printer-'));
  emulator = new PrinterEmulator({ paperWidthMm: 58 });
  address = await emulator.listen();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  Object.assign(emulator.conditions, {
    paperOut: false,
    paperLow: false,
    coverOpen: false,
    error: false,
    silent: false,
  });
});

function connect(): ReceiptPrinter {
  const printer = new ReceiptPrinter({
    transport: new TcpTransport({ host: address.host, port: address.port }),
    paperWidthMm: 58,
    statusTimeoutMs: 400,
  });
  closers.push(() => printer.close());
  return printer;
}

const slip = (code: string) =>
  pickupSlip({
    point: { name: '青山村电商服务点' },
    code,
    place: { kind: 'compartment', id: 'A07', size: 'M' },
    carrier: '中通',
    waybill: 'ZT7801234567890',
    recipientPhone: '13812345678',
    storedAt: '2025-03-01T01:30:00Z',
    keepDays: 3,
    qrPayload: `VPK1:P:V001:${code}`,
  });

describe('receipt printer over TCP', () => {
  it('prints a pickup slip that the capture reads back as text and QR', async () => {
    const queue = await PrintQueue.open({ store: new FileQueueStore(join(dir, 'q1')), printer: connect() });
    const r = await queue.submit(slip('482193'));
    expect(r.ok).toBe(true);
    const last = emulator.lastReceipt()!;
    expect(last.lines.map((l) => l.trim())).toContain('482193');
    expect(last.qr).toEqual(['VPK1:P:V001:482193']);
    expect(emulator.lastReceiptText()).toContain('格口：A07（中格）');
  });

  it('keeps the job through paper-out and a restart, then reprints it marked 重印 when paper is back', async () => {
    const store = join(dir, 'q2');
    const printed = emulator.printed.length;
    emulator.conditions.paperOut = true;
    const first = await PrintQueue.open({ store: new FileQueueStore(store), printer: connect() });
    const r = await first.submit(slip('500001'));
    expect(r.ok || r.error.code).toBe('PAPER_OUT');
    expect(emulator.printed.length).toBe(printed); // nothing printed without paper

    // The kiosk restarts while the roll is being changed: the job is still there.
    const queue = await PrintQueue.open({ store: new FileQueueStore(store), printer: connect() });
    const [job] = queue.failed();
    expect(job).toMatchObject({ title: '取件单 500001', status: 'failed', lastError: { code: 'PAPER_OUT' } });

    emulator.conditions.paperOut = false;
    const again = await queue.reprint(job!.id);
    expect(again.ok).toBe(true);
    const lines = emulator.lastReceipt()!.lines.map((l) => l.trim());
    expect(lines[0]).toBe('*** 重印 REPRINT ***');
    expect(lines).toContain('500001');
    expect(queue.failed()).toEqual([]);
  });

  it('reports the cover open and a printer that stopped answering', async () => {
    const printer = connect();
    emulator.conditions.coverOpen = true;
    const cover = await printer.status();
    expect(cover.ok && cover.value.state).toBe('cover_open');
    emulator.conditions.coverOpen = false;
    emulator.conditions.silent = true;
    const silent = await printer.status();
    expect(silent.ok || silent.error.code).toBe('PRINTER_OFFLINE');
  });

  it('reconnects on the next print after the printer was switched off and on', async () => {
    const printer = connect();
    expect((await printer.status()).ok).toBe(true);
    await emulator.close();
    // Switched off: the connection drops (until it does, a print would time out as PRINTER_OFFLINE).
    for (let i = 0; i < 100 && printer.transport.state === 'open'; i++)
      await new Promise((r) => setTimeout(r, 10));
    const off = await printer.print(slip('600001'));
    expect(off.ok || off.error.code).toBe('PRINTER_UNREACHABLE');
    await emulator.listen(address.port);
    const on = await printer.print(slip('600002'));
    expect(on.ok).toBe(true);
    expect(emulator.lastReceiptText()).toContain('600002');
  });
});

describe('printer CLI', () => {
  it('reads the status and prints the test page', async () => {
    const status = await runCli('scripts/printer-cli.ts', ['--printer', address.url, 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('打印机正常 / printer ready');
    const test = await runCli('scripts/printer-cli.ts', ['--printer', address.url, '--width', '58', 'test']);
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('已打印测试页 / test page printed');
    const last = emulator.lastReceipt()!;
    expect(last.qr).toEqual(['VPK-TEST-PAGE']);
    expect(last.lines).toContain('12345678901234567890123456789012');
  });

  it('exits 1 with the reason when the printer is out of paper or unreachable', async () => {
    emulator.conditions.paperOut = true;
    const out = await runCli('scripts/printer-cli.ts', ['--printer', address.url, 'test']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('PAPER_OUT');
    const status = await runCli('scripts/printer-cli.ts', ['--printer', address.url, 'status']);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('缺纸');
    const gone = await runCli('scripts/printer-cli.ts', ['--printer', 'tcp://127.0.0.1:9', 'status']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('PRINTER_UNREACHABLE');
  });

  it('prints the test page into a file (as to /dev/usb/lp0) and rejects a bad command line', async () => {
    const file = join(dir, 'lp0.bin');
    const r = await runCli('scripts/printer-cli.ts', ['--printer', file, '--width', '80', 'test']);
    expect(r.code).toBe(0);
    const [page] = readReceipts(new Uint8Array(await readFile(file)), 48);
    expect(page!.lines).toContain('123456789012345678901234567890123456789012345678');
    const bad = await runCli('scripts/printer-cli.ts', ['--printer', file, 'print']);
    expect(bad.code).toBe(2);
  });
});
