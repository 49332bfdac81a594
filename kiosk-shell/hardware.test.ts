/**
 * KioskApi → handlers → hardware → the real drivers → emulated devices, through `dispatch`, so every
 * input and answer also passes its schema. Simulated hardware is what `npm start` runs; "real"
 * hardware is built from configuration with its transports pointed at emulators: the printer over
 * real TCP, the locker bus over an in-memory wire (the serial path is covered on PTYs in
 * tests/integration/drivers-serial.test.ts).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, type HardwareConfig } from '../common/config';
import { silentLogger } from '../common/logger';
import { LockerEmulator } from '../drivers/emulators/locker-emulator';
import { PrinterEmulator } from '../drivers/emulators/printer-emulator';
import { createMemoryPair } from '../drivers/transports/memory-transport';
import type { KioskError, KioskMethod, MethodInput, MethodOutput } from './api';
import { createHandlers, dispatch, type Handlers } from './handlers';
import { createHardware, createRealHardware, createSimulatedHardware, type Hardware } from './hardware';

const info = () => ({
  version: 'test',
  shell: 'browser' as const,
  simulate: true,
  locale: 'zh-CN' as const,
  idleTimeoutSeconds: 90,
  enrolled: false,
});

/** Both sides of a result at once: each test asserts which one it got. */
type Answer<M extends KioskMethod> = { ok: boolean; value: MethodOutput<M>; error: KioskError };

function caller(hardware: Hardware) {
  const handlers: Handlers = createHandlers({ hardware, info });
  return <M extends KioskMethod>(method: M, input: MethodInput<M> | object = {}) =>
    dispatch(handlers, method, input) as Promise<unknown> as Promise<Answer<M>>;
}

describe('simulated hardware through KioskApi', () => {
  let hw: ReturnType<typeof createSimulatedHardware>;
  let call: ReturnType<typeof caller>;
  beforeEach(() => {
    hw = createSimulatedHardware({ doorAutoCloseMs: null });
    call = caller(hw);
  });
  afterEach(() => hw.close());

  it('prints the test page through the emulated printer and shows it as text', async () => {
    const job = await call('printer.print', { kind: 'test-page' });
    expect(job).toMatchObject({ ok: true, value: { kind: 'test-page', status: 'printed', attempts: 1 } });
    const text = await call('printer.lastReceiptText');
    expect(text.value.text).toContain('打印测试页');
    expect(text.value.text).toContain('模拟打印机 58mm');
  });

  it('answers PAPER_OUT with the job id, keeps the job, and reprints it marked 重印', async () => {
    hw.printer.state = 'paper_out';
    expect(await call('printer.status')).toMatchObject({ ok: true, value: { state: 'paper_out' } });
    const failed = await call('printer.print', { kind: 'test-page' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'PAPER_OUT' } });
    expect(failed.error.message).toContain('缺纸');
    const jobs = await call('printer.jobs');
    expect(jobs.value.jobs).toEqual([
      expect.objectContaining({
        id: failed.error.jobId,
        status: 'failed',
        lastError: expect.anything() as unknown,
      }),
    ]);
    expect(hw.printer.receipts()).toHaveLength(0);

    hw.printer.state = 'ready';
    const again = await call('printer.reprint', { jobId: failed.error.jobId! });
    expect(again).toMatchObject({ ok: true, value: { status: 'printed', attempts: 2 } });
    expect((await call('printer.lastReceiptText')).value.text).toContain('重印');
    expect(await call('printer.reprint', { jobId: 'no-such-job' })).toMatchObject({
      ok: false,
      error: { code: 'JOB_NOT_FOUND' },
    });
  });

  it('validates what a document is made from before queueing it, naming the field', async () => {
    const bad = await call('printer.print', { kind: 'pickup-slip', input: { code: '12345' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(bad.error.message).toMatch(/point|code/);
    expect((await call('printer.jobs')).value.jobs).toEqual([]);
    const receipt = await call('printer.print', {
      kind: 'order-receipt',
      input: {
        point: { name: '青山村电商服务点' },
        orderNo: 'DG-0001',
        service: '代购',
        placedAt: '2025-03-01T06:05:00Z',
        items: [{ name: '复合肥 50kg', qty: 2, unitFen: 16_000 }],
        totalFen: 32_000,
        payment: { method: 'cash', paidFen: 32_000, changeFen: 0 },
      },
    });
    expect(receipt).toMatchObject({ ok: true, value: { kind: 'order-receipt', status: 'printed' } });
    expect(hw.printer.lastReceiptText()).toContain('复合肥 50kg');
  });

  it('lists the compartments and opens one: the emulated door really opens, once', async () => {
    const before = await call('locker.compartments');
    expect(before.value.compartments).toHaveLength(24);
    expect(before.value.compartments[1]).toEqual({
      id: 'A02',
      board: 1,
      lock: 2,
      size: 'S',
      door: 'closed',
      occupied: null,
      outOfService: false,
    });
    expect(await call('locker.open', { compartmentId: 'A02' })).toEqual({
      ok: true,
      value: { compartmentId: 'A02', confirmedBy: 'board', alreadyOpen: false },
    });
    expect(hw.lockers.emulator.lock(1, 2)).toMatchObject({ closed: false, fired: 1 });
    const after = await call('locker.compartments');
    expect(after.value.compartments[1]?.door).toBe('open');
    expect(await call('locker.doorState', { compartmentId: 'A02' })).toEqual({
      ok: true,
      value: { compartmentId: 'A02', door: 'open', occupied: null },
    });
    // A second tap on an open door sends no pulse.
    expect((await call('locker.open', { compartmentId: 'A02' })).value.alreadyOpen).toBe(true);
    expect(hw.lockers.emulator.lock(1, 2).fired).toBe(1);
  });

  it('reports a jammed lock and an unknown compartment as the driver saw them', async () => {
    hw.lockers.emulator.setJammed(1, 3);
    expect(await call('locker.open', { compartmentId: 'A03' })).toMatchObject({
      ok: false,
      error: { code: 'LOCK_JAMMED' },
    });
    expect(await call('locker.open', { compartmentId: 'Z99' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMPARTMENT' },
    });
    expect(await call('locker.open', { compartmentId: 'A0 4' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('waits for a door to close, and says when it stays open', async () => {
    await call('locker.open', { compartmentId: 'A06' });
    expect(await call('locker.waitClosed', { compartmentId: 'A06', timeoutMs: 600 })).toMatchObject({
      ok: false,
      error: { code: 'DOOR_STILL_OPEN' },
    });
    setTimeout(() => hw.lockers.emulator.closeDoor(1, 6), 200);
    expect(await call('locker.waitClosed', { compartmentId: 'A06', timeoutMs: 3000 })).toEqual({
      ok: true,
      value: { compartmentId: 'A06', sawOpen: true },
    });
    expect(await call('locker.waitClosed', { compartmentId: 'A06', timeoutMs: 60_000 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('shows a silent board’s compartments out of service with their doors unknown, and fires nothing', async () => {
    hw.lockers.emulator.setSilent(2);
    const status = await call('locker.status');
    expect(status.value).toEqual({
      state: 'degraded',
      compartments: 24,
      free: 12,
      outOfService: 12,
      simulated: true,
    });
    const b01 = (await call('locker.compartments')).value.compartments.find((c) => c.id === 'B01');
    expect(b01).toMatchObject({ door: 'unknown', outOfService: true });
    expect(await call('locker.open', { compartmentId: 'B01' })).toMatchObject({
      ok: false,
      error: { code: 'BOARD_SILENT' },
    });
    expect(hw.lockers.emulator.lock(2, 1).fired).toBe(0);
  }, 20_000);
});

describe('hardware from configuration', () => {
  const hardwareConfig = (env: Record<string, string>, file?: object): HardwareConfig => {
    const path = file ? join(mkdtempSync(join(tmpdir(), 'vpk-hw-')), 'vpk.config.json') : undefined;
    if (path) writeFileSync(path, JSON.stringify(file));
    return loadConfig({ env, file: path }).kiosk.hardware;
  };

  it('answers NOT_AVAILABLE for devices the terminal does not have', async () => {
    const hw = await createRealHardware(hardwareConfig({}), tmpdir(), silentLogger);
    const call = caller(hw);
    for (const method of [
      'printer.status',
      'printer.jobs',
      'locker.status',
      'locker.compartments',
    ] as const) {
      expect(await call(method), method).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    }
    expect((await call('printer.print', { kind: 'test-page' })).error.message).toContain(
      'kiosk.hardware.printer.target',
    );
    await hw.close();
  });

  it('drives a network printer with a persistent queue, and a locker bus with the configured map', async () => {
    const printer = new PrinterEmulator({ paperWidthMm: 80 });
    const { url } = await printer.listen();
    const [host, device] = createMemoryPair('rs485');
    const boards = new LockerEmulator({ protocol: 'kerong', transport: device, boards: [3] });
    const dataDir = mkdtempSync(join(tmpdir(), 'vpk-hw-'));
    const config = hardwareConfig(
      { VPK_PRINTER: url, VPK_PAPER_WIDTH_MM: '80', VPK_SIMULATE: '0' },
      {
        kiosk: {
          hardware: {
            locker: {
              port: '/dev/ttyUSB0',
              protocol: 'kerong',
              compartments: [
                { id: 'K1', board: 3, lock: 1, size: 'L' },
                { id: 'K2', board: 3, lock: 2, size: 'S', disabled: true },
              ],
            },
          },
        },
      },
    );
    const opened: unknown[] = [];
    const deps = {
      openLockerTransport: (path: string, baud: number) => (opened.push([path, baud]), host),
    };
    const hw = await createRealHardware(config, dataDir, silentLogger, deps);
    const call = caller(hw);
    expect(opened).toEqual([['/dev/ttyUSB0', 19_200]]);

    expect(await call('printer.status')).toEqual({
      ok: true,
      value: { state: 'ready', model: `ESC/POS 80mm ${url}`, paperWidthMm: 80, simulated: false },
    });
    expect(await call('printer.lastReceiptText')).toMatchObject({ error: { code: 'NOT_AVAILABLE' } });
    expect((await call('printer.print', { kind: 'test-page' })).ok).toBe(true);
    expect(printer.lastReceiptText()).toContain('每行 48 列');
    printer.conditions.paperOut = true;
    const failed = await call('printer.print', { kind: 'test-page' });
    expect(failed.error.code).toBe('PAPER_OUT');
    const queueFile = join(dataDir, 'kiosk', 'print-queue', 'print-queue.jsonl');
    expect(readFileSync(queueFile, 'utf8')).toContain(failed.error.jobId);

    boards.setOccupied(3, 1);
    expect((await call('locker.compartments')).value.compartments).toEqual([
      { id: 'K1', board: 3, lock: 1, size: 'L', door: 'closed', occupied: true, outOfService: false },
      { id: 'K2', board: 3, lock: 2, size: 'S', door: 'closed', occupied: false, outOfService: true },
    ]);
    expect(await call('locker.status')).toMatchObject({ ok: true, value: { free: 0, simulated: false } });
    expect((await call('locker.open', { compartmentId: 'K1' })).ok).toBe(true);
    expect(boards.lock(3, 1).closed).toBe(false);
    expect(await call('locker.open', { compartmentId: 'K2' })).toMatchObject({
      error: { code: 'BAD_REQUEST' },
    });
    await hw.close();

    // After a restart the failed job is still offered, and its reprint says 重印.
    printer.conditions.paperOut = false;
    const [host2] = createMemoryPair('rs485-again');
    const restarted = await createRealHardware(config, dataDir, silentLogger, {
      openLockerTransport: () => host2,
    });
    const again = caller(restarted);
    expect((await again('printer.jobs')).value.jobs[0]).toMatchObject({
      id: failed.error.jobId,
      status: 'failed',
    });
    expect(await again('printer.reprint', { jobId: failed.error.jobId! })).toMatchObject({
      ok: true,
      value: { status: 'printed', attempts: 2 },
    });
    expect(printer.lastReceiptText()).toContain('重印');
    await restarted.close();
    await printer.close();
  });

  it('refuses a printer target the driver cannot use, naming the setting', async () => {
    const config: HardwareConfig = {
      printer: { target: 'serial:', paperWidthMm: 58 },
      locker: { protocol: 'generic' },
      scanner: { baudRate: 9600 },
    };
    await expect(createRealHardware(config, tmpdir(), silentLogger)).rejects.toThrow(ConfigError);
    await expect(createRealHardware(config, tmpdir(), silentLogger)).rejects.toThrow(
      /kiosk\.hardware\.printer\.target/,
    );
  });

  it('simulates the configured bank and paper width when kiosk.simulate is on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vpk-hw-'));
    const config = loadConfig({
      env: { VPK_PAPER_WIDTH_MM: '80', VPK_LOCKER_PROTOCOL: 'kerong', VPK_DATA_DIR: dataDir },
      file: undefined,
    });
    const hw = await createHardware(config, silentLogger);
    const call = caller(hw);
    expect((await call('printer.status')).value).toMatchObject({ paperWidthMm: 80, simulated: true });
    const first = (await call('locker.compartments')).value.compartments[0];
    expect(first).toMatchObject({ id: 'A01', board: 0, occupied: false });
    expect(existsSync(join(dataDir, 'kiosk'))).toBe(false); // the simulated queue lives in memory
    await hw.close();
  });
});
