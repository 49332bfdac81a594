import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

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
