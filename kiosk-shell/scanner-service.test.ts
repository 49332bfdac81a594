/**
 * KioskApi scanner.next / scanner.simulate → handlers → ScannerService → the real SerialScanner, on
 * the simulated scanner (what `npm start` runs) and on "real" hardware whose port is an in-memory wire.
 */
import iconv from 'iconv-lite';
import { tmpdir } from 'node:os';
import { loadConfig } from '../common/config';
import { silentLogger } from '../common/logger';
import { ManualClock } from '../drivers/clock';
import { SerialScanner } from '../drivers/scanner/serial-scanner';
import { createMemoryPair } from '../drivers/transports/memory-transport';
import type { KioskError, KioskMethod, MethodInput, MethodOutput } from './api';
import { createHandlers, dispatch } from './handlers';
import { createHardware, createRealHardware, createSimulatedHardware, type Hardware } from './hardware';
import { ScannerService } from './scanner-service';

const info = () => ({
  version: 'test',
  shell: 'browser' as const,
  simulate: true,
  locale: 'zh-CN' as const,
  idleTimeoutSeconds: 90,
  enrolled: false,
});
type Answer<M extends KioskMethod> = { ok: boolean; value: MethodOutput<M>; error: KioskError };
function caller(hardware: Hardware) {
  const handlers = createHandlers({ hardware, info });
  return <M extends KioskMethod>(method: M, input: MethodInput<M> | object = {}) =>
    dispatch(handlers, method, input) as Promise<unknown> as Promise<Answer<M>>;
}

describe('scanner through KioskApi (simulated)', () => {
  let hw: ReturnType<typeof createSimulatedHardware>;
  let call: ReturnType<typeof caller>;
  beforeEach(() => {
    hw = createSimulatedHardware();
    call = caller(hw);
  });
  afterEach(() => hw.close());

  it('answers the waiting poll with the code fed to the simulated scanner', async () => {
    const waiting = call('scanner.next', { timeoutMs: 2000 });
    expect(await call('scanner.simulate', { code: 'SF1234567890' })).toMatchObject({ ok: true });
    expect(await waiting).toMatchObject({ ok: true, value: { code: 'SF1234567890' } });
  });

  it('carries a Chinese QR payload through the GB18030 wire unchanged', async () => {
    const waiting = call('scanner.next', { timeoutMs: 2000 });
    await hw.scanner.read('溯源:HB-2026-0042');
    expect((await waiting).value.code).toBe('溯源:HB-2026-0042');
  });

  it('answers TIMEOUT when nothing is scanned', async () => {
    expect(await call('scanner.next', { timeoutMs: 20 })).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT' },
    });
  });

  it('keeps a code read between two polls for the next poll', async () => {
    await call('scanner.simulate', { code: '6901234567892' });
    expect(await call('scanner.next', { timeoutMs: 0 })).toMatchObject({
      ok: true,
      value: { code: '6901234567892' },
    });
    expect(await call('scanner.next', { timeoutMs: 0 })).toMatchObject({ ok: false });
  });

  it('refuses a poll longer than the bridge waits, and an empty code, changing nothing', async () => {
    expect(await call('scanner.next', { timeoutMs: 60_000 })).toMatchObject({
      error: { code: 'BAD_REQUEST' },
    });
    expect(await call('scanner.simulate', { code: '' })).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(await call('scanner.next', { timeoutMs: 0 })).toMatchObject({ error: { code: 'TIMEOUT' } });
  });
});

describe('ScannerService', () => {
  function rig() {
    const clock = new ManualClock();
    const [kiosk, head] = createMemoryPair('scanner');
    const scanner = new SerialScanner(kiosk, { clock });
    const service = new ScannerService({ scanner, simulated: false, clock, close: () => kiosk.close() });
    const scan = (text: string) => head.write(Uint8Array.from(iconv.encode(`${text}\r`, 'gb18030')));
    return { clock, service, scan };
  }

  it('gives a code to every poll waiting, so a poll orphaned by a page reload cannot swallow it', async () => {
    const { service, scan } = rig();
    const orphan = service.next(5000);
    const live = service.next(5000);
    await scan('YT7788990011');
    expect(await orphan).toMatchObject({ ok: true, value: { code: 'YT7788990011' } });
    expect(await live).toMatchObject({ ok: true, value: { code: 'YT7788990011' } });
  });

  it('forgets a code nobody asked for within 5 s, so it never reaches the next villager', async () => {
    const { clock, service, scan } = rig();
    await scan('VPK1:P:V001:482193');
    await clock.advance(6000);
    const next = service.next(100);
    await clock.advance(100);
    expect(await next).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('refuses to simulate a scan on a real scanner', async () => {
    const { service } = rig();
    expect(await service.simulate('123456')).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
  });
});

describe('scanner from configuration', () => {
  it('answers NOT_AVAILABLE, naming the setting, when no serial scanner is configured', async () => {
    const hw = await createRealHardware(
      loadConfig({ env: {}, file: undefined }).kiosk.hardware,
      tmpdir(),
      silentLogger,
    );
    const answer = await caller(hw)('scanner.next', { timeoutMs: 10 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    expect(answer.error.message).toContain('kiosk.hardware.scanner.port');
    expect(await caller(hw)('scanner.status')).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    await hw.close();
  });

  it('reads the configured port at its baud rate, and closes the port with the hardware', async () => {
    const config = loadConfig({
      env: { VPK_SIMULATE: 'false', VPK_SCANNER_PORT: '/dev/ttyACM0', VPK_SCANNER_BAUD: '115200' },
      file: undefined,
    });
    const [kiosk, head] = createMemoryPair('scanner');
    const opened: [string, number][] = [];
    const hw = await createRealHardware(config.kiosk.hardware, tmpdir(), silentLogger, {
      openScannerTransport: (path, baud) => {
        opened.push([path, baud]);
        return kiosk;
      },
    });
    expect(opened).toEqual([['/dev/ttyACM0', 115200]]);
    const call = caller(hw);
    expect(await call('scanner.status')).toMatchObject({
      ok: true,
      value: { port: 'scanner:host', state: 'open', simulated: false },
    });
    const waiting = call('scanner.next', { timeoutMs: 2000 });
    await head.write(new TextEncoder().encode('JT0001234567890\r\n'));
    expect(await waiting).toMatchObject({ ok: true, value: { code: 'JT0001234567890' } });
    expect(await call('scanner.simulate', { code: 'x' })).toMatchObject({ error: { code: 'NOT_AVAILABLE' } });
    await hw.close();
    expect(kiosk.state).toBe('closed');
  });

  it('puts the simulated scanner in place under kiosk.simulate, even with a port configured', async () => {
    const config = loadConfig({ env: { VPK_SCANNER_PORT: '/dev/ttyACM0' }, file: undefined });
    const hw = await createHardware(config, silentLogger);
    const call = caller(hw);
    const waiting = call('scanner.next', { timeoutMs: 2000 });
    await call('scanner.simulate', { code: '6901234567892' });
    expect((await waiting).value.code).toBe('6901234567892');
    await hw.close();
  });
});
