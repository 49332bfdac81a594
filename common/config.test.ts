import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePrinterTarget } from '../drivers/printer/printer-target';
import { ConfigError, loadConfig, printerTargetProblem } from './config';

const noFile = join(tmpdir(), 'vpk-no-such-config.json');

describe('loadConfig', () => {
  it('gives working defaults when nothing is configured', () => {
    const config = loadConfig({ env: {}, file: undefined });
    expect(config.county.port).toBe(8600);
    expect(config.kiosk.port).toBe(8700);
    expect(config.kiosk.simulate).toBe(true);
    expect(config.kiosk.locale).toBe('zh-CN');
  });

  it('lets the environment override the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpk-config-'));
    const file = join(dir, 'vpk.config.json');
    writeFileSync(file, JSON.stringify({ kiosk: { port: 9100, idleTimeoutSeconds: 30 } }));
    const config = loadConfig({ env: { VPK_KIOSK_PORT: '9200', VPK_SIMULATE: 'false' }, file });
    expect(config.kiosk.port).toBe(9200);
    expect(config.kiosk.idleTimeoutSeconds).toBe(30);
    expect(config.kiosk.simulate).toBe(false);
  });

  it('names the setting and the variable when a value is wrong', () => {
    expect(() => loadConfig({ env: { VPK_COUNTY_PORT: 'eighty' }, file: undefined })).toThrow(
      /county\.port.*VPK_COUNTY_PORT/,
    );
  });

  it('names the file when the file holds a wrong value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpk-config-'));
    const file = join(dir, 'vpk.config.json');
    writeFileSync(file, JSON.stringify({ kiosk: { locale: 'fr' } }));
    expect(() => loadConfig({ env: {}, file })).toThrow(/kiosk\.locale.*vpk\.config\.json/);
  });

  it('refuses unknown settings instead of ignoring a typo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpk-config-'));
    const file = join(dir, 'vpk.config.json');
    writeFileSync(file, JSON.stringify({ kiosk: { prot: 9000 } }));
    expect(() => loadConfig({ env: {}, file })).toThrow(ConfigError);
  });

  it('reports an unreadable file as a configuration error', () => {
    expect(() => loadConfig({ env: {}, file: noFile })).toThrow(/vpk-no-such-config/);
  });
});

describe('kiosk.hardware', () => {
  const file = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'vpk-config-')), 'vpk.config.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('defaults to no devices, 58 mm paper and the generic board protocol', () => {
    expect(loadConfig({ env: {}, file: undefined }).kiosk.hardware).toEqual({
      printer: { paperWidthMm: 58 },
      locker: { protocol: 'generic' },
      scanner: { baudRate: 9600 },
    });
  });

  it('reads the printer, the bus and the compartment map from the file, the environment winning', () => {
    const config = loadConfig({
      env: { VPK_PRINTER: 'serial:/dev/ttyS1@19200', VPK_PAPER_WIDTH_MM: '80', VPK_LOCKER_PORT: 'COM4' },
      file: file({
        kiosk: {
          simulate: false,
          hardware: {
            printer: { target: 'tcp://192.168.1.87:9100' },
            locker: {
              port: '/dev/ttyUSB0',
              protocol: 'kerong',
              compartments: [
                { id: 'A01', board: 0, lock: 1, size: 'S' },
                { id: 'A02', board: 0, lock: 2, size: 'L', disabled: true },
              ],
            },
          },
        },
      }),
    });
    expect(config.kiosk.hardware).toEqual({
      printer: { target: 'serial:/dev/ttyS1@19200', paperWidthMm: 80 },
      locker: {
        port: 'COM4',
        protocol: 'kerong',
        compartments: [
          { id: 'A01', board: 0, lock: 1, size: 'S', disabled: false },
          { id: 'A02', board: 0, lock: 2, size: 'L', disabled: true },
        ],
      },
      scanner: { baudRate: 9600 },
    });
  });

  it('reads the serial scanner from the file, VPK_SCANNER_PORT winning', () => {
    const path = file({ kiosk: { hardware: { scanner: { port: '/dev/ttyACM0', baudRate: 115200 } } } });
    expect(loadConfig({ env: {}, file: path }).kiosk.hardware.scanner).toEqual({
      port: '/dev/ttyACM0',
      baudRate: 115200,
    });
    expect(
      loadConfig({ env: { VPK_SCANNER_PORT: 'COM5', VPK_SCANNER_BAUD: '19200' }, file: path }).kiosk.hardware
        .scanner,
    ).toEqual({ port: 'COM5', baudRate: 19200 });
  });

  it('names the scanner setting and where it came from when a value is wrong', () => {
    expect(() => loadConfig({ env: { VPK_SCANNER_BAUD: '300' }, file: undefined })).toThrow(
      /kiosk\.hardware\.scanner\.baudRate.*VPK_SCANNER_BAUD.*at least 1200/,
    );
    const path = file({ kiosk: { hardware: { scanner: { port: '   ' } } } });
    expect(() => loadConfig({ env: {}, file: path })).toThrow(
      /kiosk\.hardware\.scanner\.port.*vpk\.config\.json.*serial port path/,
    );
    const typo = file({ kiosk: { hardware: { scanner: { prot: '/dev/ttyACM0' } } } });
    expect(() => loadConfig({ env: {}, file: typo })).toThrow(/kiosk\.hardware\.scanner/);
  });

  it('names the setting and the variable for a paper width that is not 58 or 80', () => {
    expect(() => loadConfig({ env: { VPK_PAPER_WIDTH_MM: '76' }, file: undefined })).toThrow(
      /kiosk\.hardware\.printer\.paperWidthMm.*VPK_PAPER_WIDTH_MM.*58 or 80/,
    );
  });

  it.each(['http://192.168.1.87:9100', 'tcp://', 'tcp://printer:9100/queue', 'serial:', ' /dev/usb/lp0'])(
    'refuses the printer target %j, naming the setting',
    (target) => {
      expect(() => loadConfig({ env: { VPK_PRINTER: target }, file: undefined })).toThrow(
        /kiosk\.hardware\.printer\.target.*VPK_PRINTER/,
      );
    },
  );

  it('accepts every printer target the printer driver understands, and only those', () => {
    const good = ['tcp://10.0.0.5:9100', 'tcp://printer.local', 'serial:/dev/ttyUSB1', 'serial:COM3@19200'];
    for (const spec of [...good, '/dev/usb/lp0', 'C:\\receipts\\out.bin']) {
      expect(printerTargetProblem(spec), spec).toBeUndefined();
      expect(parsePrinterTarget(spec).ok, spec).toBe(true);
    }
    for (const spec of ['tcp://printer:9100/x', 'serial:', 'serial:COM3@fast', '']) {
      expect(printerTargetProblem(spec), spec).toBeDefined();
      expect(parsePrinterTarget(spec).ok, spec).toBe(false);
    }
  });

  it('refuses a compartment map the boards cannot have, naming the compartment and the file', () => {
    const bank = (compartments: unknown[]) =>
      file({ kiosk: { hardware: { locker: { protocol: 'kerong', compartments } } } });
    const message = (path: string) => {
      try {
        loadConfig({ env: {}, file: path });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(message(bank([{ id: 'A01', board: 0, lock: 1, size: 'XL' }]))).toMatch(
      /kiosk\.hardware\.locker\.compartments\.0\.size.*vpk\.config\.json/,
    );
    const twice = message(
      bank([
        { id: 'A01', board: 0, lock: 1, size: 'S' },
        { id: 'A01', board: 0, lock: 2, size: 'S' },
        { id: 'A03', board: 16, lock: 1, size: 'M' },
        { id: 'A04', board: 0, lock: 1, size: 'L' },
      ]),
    );
    expect(twice).toMatch(/kiosk\.hardware\.locker\.compartments\.1.*duplicate id A01/);
    expect(twice).toMatch(/kiosk\.hardware\.locker\.compartments\.2.*board must be 0–15 for kerong/);
    expect(twice).toMatch(/kiosk\.hardware\.locker\.compartments\.3.*board 0\/1 used twice/);
  });

  it('refuses real locker hardware without its compartment map, and a protocol it does not know', () => {
    const path = file({ kiosk: { simulate: false, hardware: { locker: { port: '/dev/ttyUSB0' } } } });
    expect(() => loadConfig({ env: {}, file: path })).toThrow(
      /kiosk\.hardware\.locker\.compartments.*required/,
    );
    // Simulated, the example bank stands in for the map.
    expect(loadConfig({ env: { VPK_SIMULATE: '1' }, file: path }).kiosk.hardware.locker.port).toBe(
      '/dev/ttyUSB0',
    );
    expect(() => loadConfig({ env: { VPK_LOCKER_PROTOCOL: 'modbus' }, file: undefined })).toThrow(
      /kiosk\.hardware\.locker\.protocol.*VPK_LOCKER_PROTOCOL/,
    );
  });

  it('refuses unknown hardware settings instead of ignoring a typo', () => {
    const path = file({ kiosk: { hardware: { printer: { taget: 'tcp://10.0.0.5' } } } });
    expect(() => loadConfig({ env: {}, file: path })).toThrow(/kiosk\.hardware\.printer/);
  });

  it('county admission defaults to 40 in flight and Retry-After up to 10 s, and refuses a wrong value by name', () => {
    expect(loadConfig({ env: {}, file: undefined }).county.admission).toEqual({
      maxInFlight: 40,
      retryAfterMaxS: 10,
    });
    expect(
      loadConfig({ env: { VPK_COUNTY_MAX_IN_FLIGHT: '64' }, file: undefined }).county.admission,
    ).toMatchObject({ maxInFlight: 64 });
    expect(() => loadConfig({ env: { VPK_COUNTY_MAX_IN_FLIGHT: '0' }, file: undefined })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ env: { VPK_COUNTY_MAX_IN_FLIGHT: '0' }, file: undefined })).toThrow(
      /VPK_COUNTY_MAX_IN_FLIGHT/,
    );
  });
});
