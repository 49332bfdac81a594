import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../common/config';
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import { parseCommand, requireAdminToken, runCommand } from './commands';
import { DEVICE_TOKEN_PATTERN } from './devices';
import { envelope, orderPayload } from './testing';

describe('parseCommand', () => {
  it('reads each command', () => {
    expect(parseCommand(['migrate'])).toEqual({ command: 'migrate' });
    expect(parseCommand(['seed'])).toEqual({ command: 'seed' });
    expect(parseCommand(['serve'])).toEqual({ command: 'serve', seed: false });
    expect(parseCommand(['serve', '--seed'])).toEqual({ command: 'serve', seed: true });
    expect(parseCommand(['provision-device', '--village', 'cn-420921-t01-v01', '--name', '一号机'])).toEqual({
      command: 'provision-device',
      village: 'cn-420921-t01-v01',
      name: '一号机',
    });
  });

  it('reads the administration commands, with a FILE where one is needed', () => {
    expect(parseCommand(['catalogue-import', 'prices.xlsx', '--county', 'cn-429005'])).toEqual({
      command: 'catalogue-import',
      file: 'prices.xlsx',
      county: 'cn-429005',
    });
    expect(parseCommand(['item', '--id', 'sku-010001', '--price-fen', '12800'])).toEqual({
      command: 'item',
      id: 'sku-010001',
      'price-fen': 12800,
    });
    expect(
      parseCommand(['enrollment-code', '--village', 'cn-429005-t01-v01', '--hours', '24']),
    ).toMatchObject({
      hours: 24,
    });
    expect(parseCommand(['import', 'usb/export.json'])).toEqual({
      command: 'import',
      file: 'usb/export.json',
    });
  });

  it.each([
    [['import'], /FILE is required/],
    [['import', 'a.json', 'b.json'], /unexpected argument b\.json/],
    [['item', '--id', 'x', '--price-fen', 'cheap'], /price-fen/],
    [['migrate', '--county', 'x'], /usage/],
    [[], /usage/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['provision-device'], /--village ID is required/],
    [['migrate', '--village', 'x'], /usage/],
    [['migrate', 'now'], /unexpected argument now/],
    [['serve', '--port', '1'], /Unknown option '--port'/],
  ])('explains what is wrong with %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(ConfigError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

describe('settings', () => {
  it('names VPK_ADMIN_TOKEN when serve has no admin token', () => {
    const config = loadConfig({ env: {} });
    expect(() => requireAdminToken(config)).toThrow(/VPK_ADMIN_TOKEN/);
  });

  it('names VPK_COUNTY_PORT when the port is not a number', () => {
    expect(() => loadConfig({ env: { VPK_COUNTY_PORT: 'abc' } })).toThrow(/VPK_COUNTY_PORT/);
  });
});

describe('runCommand against a PGlite data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vpk-county-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds, then provisions a device and prints its token once', async () => {
    const config = loadConfig({ env: { VPK_DATA_DIR: dataDir } });
    const seeded = await runCommand({ command: 'seed' }, silentLogger, config);
    expect(seeded).toMatchObject({ output: { seeded: true, counties: seedCounties.length } });
    const villageId = seedCounties[0]!.townships[0]!.villages[0]!.id;
    const provisioned = await runCommand(
      { command: 'provision-device', village: villageId, name: '一号机' },
      silentLogger,
      config,
    );
    expect(provisioned).toMatchObject({ output: { villageId } });
    expect((provisioned as { output: { token: string } }).output.token).toMatch(DEVICE_TOKEN_PATTERN);
  });

  it('administers the county: a code, a CSV import, and a kiosk export imported exactly once', async () => {
    const config = loadConfig({ env: { VPK_DATA_DIR: dataDir } });
    const village = seedCounties[0]!.townships[0]!.villages[0]!;
    const run = async (argv: string[]) =>
      ((await runCommand(parseCommand(argv), silentLogger, config)) as { output: unknown }).output;

    expect(await run(['enrollment-code', '--village', village.id])).toMatchObject({ villageId: village.id });
    const csv = join(dataDir, 'prices.csv');
    writeFileSync(csv, 'id,name,categoryId,spec,unit,price\ncli-1,红薯粉条,cat-local-produce,500g,袋,12.5\n');
    expect(await run(['catalogue-import', csv, '--county', seedCounties[0]!.id])).toEqual({
      rows: 1,
      created: 1,
      updated: 0,
    });

    const device = (await run(['provision-device', '--village', village.id])) as { deviceId: string };
    const exportFile = join(dataDir, 'export.json');
    writeFileSync(
      exportFile,
      JSON.stringify({
        format: 'vpk-unsynced-export',
        protocol: '1.0',
        deviceId: device.deviceId,
        villageId: village.id,
        exportedAt: '2026-03-01T10:00:00+08:00',
        mutations: [envelope('order.placed', orderPayload('usb-cli-1'), 1)],
      }),
    );
    expect(await run(['import', exportFile])).toMatchObject({ applied: 1, duplicate: 0 });
    expect(await run(['import', exportFile])).toMatchObject({ applied: 0, duplicate: 1 });
    const orders = (await run(['orders', '--village', village.id])) as { id: string }[];
    expect(orders.map((o) => o.id)).toEqual(['usb-cli-1']);
  });
});
