import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../common/config';
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import { parseCommand, requireAdminToken, runCommand } from './commands';
import { DEVICE_TOKEN_PATTERN } from './devices';

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

  it.each([
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
});
