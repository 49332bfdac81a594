/**
 * settings.* and logs.* through dispatch (so every input and answer passes its schema), on a
 * configuration file in a temp folder, and settings.testCounty against real HTTP servers.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../common/config';
import type { KioskError, KioskMethod, KioskSettings, MethodInput, MethodOutput } from './api';
import { createHandlers, dispatch } from './handlers';
import { createSimulatedHardware } from './hardware';
import { createKioskLogger, LogRing } from './log-ring';
import { SettingsService } from './settings-service';

type Answer<M extends KioskMethod> = { ok: boolean; value: MethodOutput<M>; error: KioskError };
const info = () => ({
  version: 'test',
  shell: 'browser' as const,
  simulate: true,
  locale: 'zh-CN' as const,
  idleTimeoutSeconds: 90,
  enrolled: false,
});

function rig(initial?: unknown, env: NodeJS.ProcessEnv = {}, testTimeoutMs = 5_000) {
  const dir = mkdtempSync(join(tmpdir(), 'vpk-settings-'));
  const file = join(dir, 'vpk.config.json');
  if (initial !== undefined) writeFileSync(file, JSON.stringify(initial));
  const running = loadConfig({ env, file: initial === undefined ? undefined : file });
  const hardware = createSimulatedHardware();
  const ring = new LogRing(5);
  const handlers = createHandlers({
    info,
    hardware,
    settings: new SettingsService({ file, env, running, testTimeoutMs }),
    logs: { ring, exportDir: join(dir, 'exports') },
  });
  const call = <M extends KioskMethod>(method: M, input: MethodInput<M> | object = {}) =>
    dispatch(handlers, method, input) as Promise<unknown> as Promise<Answer<M>>;
  const onDisk = () => JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return { dir, file, call, onDisk, ring, close: () => hardware.close() };
}

const realBank: KioskSettings['locker'] = {
  port: '/dev/ttyUSB0',
  protocol: 'generic',
  compartments: [
    { id: 'A01', board: 1, lock: 1, size: 'S', disabled: false },
    { id: 'A02', board: 1, lock: 2, size: 'M', disabled: false },
  ],
};

describe('settings.get / settings.save', () => {
  it('shows the defaults when there is no file, and writes a file the next start accepts', async () => {
    const r = rig();
    const got = await r.call('settings.get');
    expect(got.value.settings).toMatchObject({
      countyUrl: null,
      idleTimeoutSeconds: 90,
      locale: 'zh-CN',
      printer: { target: null, paperWidthMm: 58 },
      locker: { port: null, protocol: 'generic', compartments: [] },
      scanner: { port: null, baudRate: 9600 },
    });
    expect(got.value.restartPending).toBe(false);

    const settings: KioskSettings = {
      ...got.value.settings,
      countyUrl: 'https://county.example.gov.cn',
      idleTimeoutSeconds: 120,
      printer: { target: 'tcp://192.168.1.50:9100', paperWidthMm: 80 },
      locker: realBank,
      scanner: { port: '/dev/ttyACM0', baudRate: 9600 },
    };
    const saved = await r.call('settings.save', { settings });
    expect(saved).toMatchObject({ ok: true, value: { file: r.file } });
    expect(saved.value.restartRequired).toEqual([
      'kiosk.countyUrl',
      'kiosk.idleTimeoutSeconds',
      'kiosk.hardware.printer',
      'kiosk.hardware.locker',
      'kiosk.hardware.scanner',
    ]);
    const next = loadConfig({ env: {}, file: r.file });
    expect(next.kiosk.countyUrl).toBe('https://county.example.gov.cn');
    expect(next.kiosk.hardware.locker.compartments).toHaveLength(2);
    expect(next.kiosk.hardware.scanner.port).toBe('/dev/ttyACM0');
    expect((await r.call('settings.get')).value).toMatchObject({ restartPending: true, settings });
    expect(readdirSync(r.dir)).toEqual(['vpk.config.json']); // no temp file left behind
    await r.close();
  });

  it('keeps the settings it does not edit, and removes the ones cleared', async () => {
    const r = rig({
      dataDir: '/srv/vpk',
      county: { port: 8601 },
      kiosk: { simulate: false, port: 8701, hardware: { printer: { target: 'tcp://10.0.0.5:9100' } } },
    });
    const { settings } = (await r.call('settings.get')).value;
    expect(settings.printer.target).toBe('tcp://10.0.0.5:9100');
    await r.call('settings.save', { settings: { ...settings, printer: { target: null, paperWidthMm: 58 } } });
    expect(r.onDisk()).toEqual({
      dataDir: '/srv/vpk',
      county: { port: 8601 },
      kiosk: {
        simulate: false,
        port: 8701,
        idleTimeoutSeconds: 90,
        locale: 'zh-CN',
        hardware: {
          printer: { paperWidthMm: 58 },
          locker: { protocol: 'generic' },
          scanner: { baudRate: 9600 },
        },
      },
    });
    await r.close();
  });

  it('names the wrong setting in Chinese and leaves the file as it was', async () => {
    const original = { kiosk: { simulate: false, idleTimeoutSeconds: 60 } };
    const r = rig(original);
    const { settings } = (await r.call('settings.get')).value;
    const refuse = async (change: Partial<KioskSettings>, expected: RegExp) => {
      const answer = await r.call('settings.save', { settings: { ...settings, ...change } });
      expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(answer.error.message).toMatch(expected);
      expect(r.onDisk()).toEqual(original);
    };
    await refuse({ idleTimeoutSeconds: 5 }, /无操作返回首页时间（kiosk\.idleTimeoutSeconds）：.*10/);
    await refuse({ countyUrl: 'ftp://county' }, /县级中心地址/);
    await refuse({ printer: { target: 'http://10.0.0.5', paperWidthMm: 58 } }, /打印机地址/);
    await refuse({ printer: { target: null, paperWidthMm: 76 } }, /纸宽/);
    await refuse(
      {
        locker: {
          ...realBank,
          compartments: [realBank.compartments[0]!, { ...realBank.compartments[1]!, lock: 1 }],
        },
      },
      /格口表第 2 行.*board 1\/1 used twice/,
    );
    await refuse({ locker: { ...realBank, compartments: [] } }, /格口表.*required/);
    await refuse({ scanner: { port: '/dev/ttyACM0', baudRate: 100 } }, /扫码枪波特率/);
    await r.close();
  });

  it('refuses input outside the contract before it reaches the file', async () => {
    const r = rig({ kiosk: {} });
    const { settings } = (await r.call('settings.get')).value;
    const answer = await r.call('settings.save', { settings: { ...settings, simulate: false } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(r.onDisk()).toEqual({ kiosk: {} });
    await r.close();
  });

  it('says which settings the environment overrides', async () => {
    const r = rig({ kiosk: { locale: 'zh-CN' } }, { VPK_LOCALE: 'en' });
    const got = (await r.call('settings.get')).value;
    expect(got.fromEnvironment).toEqual([{ setting: 'kiosk.locale', variable: 'VPK_LOCALE' }]);
    expect(got.settings.locale).toBe('en');
    await r.close();
  });
});

describe('settings.testCounty', () => {
  let server: Server | undefined;
  const serve = async (handler: Parameters<typeof createServer>[1]) => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('reaches a county health endpoint and reports its clock', async () => {
    const url = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/base/healthz')
        res.end(JSON.stringify({ ok: true, serverTime: '2026-11-28T08:00:00Z' }));
      else res.writeHead(404).end('{}');
    });
    const r = rig();
    const answer = await r.call('settings.testCounty', { url: `${url}/base` });
    expect(answer).toMatchObject({ ok: true, value: { serverTime: '2026-11-28T08:00:00Z' } });
    await r.close();
  });

  it('says when the address answers but is no county, or its database is down', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/down/healthz') res.writeHead(503).end(JSON.stringify({ ok: false }));
      else res.writeHead(200).end('<html>router login</html>');
    });
    const r = rig();
    expect((await r.call('settings.testCounty', { url })).error).toMatchObject({
      code: 'REJECTED',
      message: expect.stringContaining('不像县级中心') as unknown,
    });
    expect((await r.call('settings.testCounty', { url: `${url}/down` })).error.message).toContain(
      '数据库不可用',
    );
    await r.close();
  });

  it('gives up after its timeout, and says when nothing listens', async () => {
    const url = await serve(() => undefined); // accepts, never answers
    const r = rig(undefined, {}, 300);
    expect(await r.call('settings.testCounty', { url })).toMatchObject({ error: { code: 'TIMEOUT' } });
    expect(await r.call('settings.testCounty', { url: 'http://127.0.0.1:1' })).toMatchObject({
      error: { code: 'IO_ERROR' },
    });
    expect(await r.call('settings.testCounty', { url: 'file:///etc/passwd' })).toMatchObject({
      error: { code: 'BAD_REQUEST' },
    });
    await r.close();
  });
});

describe('logs.recent / logs.export', () => {
  it('keeps the last lines the shell logged and exports them to a new file', async () => {
    const r = rig();
    const { logger } = createKioskLogger('kiosk', 'info', join(r.dir, 'kiosk.log'), r.ring);
    for (let i = 1; i <= 7; i++) logger.info({ n: i }, 'line');
    logger.debug('below the level');
    const recent = (await r.call('logs.recent', { limit: 2 })).value;
    expect(recent.total).toBe(5); // the ring's capacity in this rig
    expect(recent.lines.map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([6, 7]);
    const exported = await r.call('logs.export');
    expect(exported).toMatchObject({ ok: true, value: { lines: 5 } });
    const text = readFileSync(exported.value.file, 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { n: number }).n),
    ).toEqual([3, 4, 5, 6, 7]);
    expect(exported.value.bytes).toBe(Buffer.byteLength(text));
    expect(await r.call('logs.recent', { limit: 10_000 })).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    await r.close();
  });

  it('cuts an over-long line instead of keeping it whole', () => {
    const ring = new LogRing(10, 50);
    ring.write(`${'x'.repeat(80)}\nshort\n`);
    expect(ring.recent(10)).toEqual([`${'x'.repeat(50)}…`, 'short']);
  });
});
