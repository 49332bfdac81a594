/** The serial scanner driver on a real serial line: a socat PTY pair, one end playing the scanner. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../common/config';
import { silentLogger } from '../../common/logger';
import { SerialScanner } from '../../drivers/scanner/serial-scanner';
import { SerialTransport } from '../../drivers/transports/serial-transport';
import { hasCommand, suiteCanRun } from '../support/suites';
import { SocatPair } from './drivers-support';
import { createHandlers, dispatch } from '../../kiosk-shell/handlers';
import { createRealHardware } from '../../kiosk-shell/hardware';

const canRun = suiteCanRun('socat', hasCommand('socat'), 'apt-get install socat');
const fast = { backoff: { initialMs: 50, maxMs: 250 }, presence: { intervalMs: 100 } };

describe.skipIf(!canRun)('serial scanner over a PTY', () => {
  let dir: string;
  let pair: SocatPair;
  let kioskSide: SerialTransport;
  let scannerSide: SerialTransport;
  let scanner: SerialScanner;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vpk-scanner-'));
    pair = new SocatPair(join(dir, 'kiosk'), join(dir, 'scanner'));
    await pair.start();
    kioskSide = new SerialTransport({ path: pair.host, baudRate: 9600, ...fast });
    scannerSide = new SerialTransport({ path: pair.device, baudRate: 9600, ...fast });
    expect(await kioskSide.whenOpen(3000)).toBe(true);
    expect(await scannerSide.whenOpen(3000)).toBe(true);
    scanner = new SerialScanner(kioskSide);
  });

  afterAll(async () => {
    scanner?.close();
    await kioskSide?.close();
    await scannerSide?.close();
    await pair?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('hands each scanned waybill to the screen waiting for it', async () => {
    const first = scanner.next(3000);
    await scannerSide.write(new TextEncoder().encode('SF1234567890\r\n'));
    expect((await first)?.code).toBe('SF1234567890');
    const second = scanner.next(3000);
    await scannerSide.write(new TextEncoder().encode('JT0001112223\r'));
    expect((await second)?.code).toBe('JT0001112223');
  });

  it('answers null when nothing is scanned in time', async () => {
    expect(await scanner.next(200)).toBeNull();
  });
});

describe.skipIf(!canRun)('a configured serial scanner through KioskApi, over a PTY', () => {
  it('opens kiosk.hardware.scanner.port and answers scanner.next with what the scanner sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vpk-scanner-'));
    const pair = new SocatPair(join(dir, 'kiosk'), join(dir, 'scanner'));
    await pair.start();
    const scannerSide = new SerialTransport({ path: pair.device, baudRate: 9600, ...fast });
    const config = loadConfig({
      env: { VPK_SIMULATE: 'false', VPK_SCANNER_PORT: pair.host, VPK_SCANNER_BAUD: '9600' },
      file: undefined,
    });
    const hardware = await createRealHardware(config.kiosk.hardware, dir, silentLogger);
    try {
      expect(await scannerSide.whenOpen(3000)).toBe(true);
      const handlers = createHandlers({
        hardware,
        info: () => ({
          version: 'test',
          shell: 'browser',
          simulate: false,
          locale: 'zh-CN',
          idleTimeoutSeconds: 90,
          enrolled: false,
        }),
      });
      // The shell's port may still be opening: scan until a poll sees it.
      await vi.waitFor(
        async () => {
          const waiting = dispatch(handlers, 'scanner.next', { timeoutMs: 300 });
          await scannerSide.write(new TextEncoder().encode('YT7788990011\r\n'));
          expect(await waiting).toMatchObject({ ok: true, value: { code: 'YT7788990011' } });
        },
        { timeout: 5000, interval: 100 },
      );
    } finally {
      await hardware.close();
      await scannerSide.close();
      await pair.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
