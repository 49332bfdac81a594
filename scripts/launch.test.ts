import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, electronBinary, hasDisplay, planWindow } from './launch';

function fakeRoot(withElectronBinary: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'vpk-launch-'));
  const pkg = join(root, 'node_modules', 'electron');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  if (withElectronBinary) {
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    writeFileSync(join(pkg, 'dist', 'electron'), '');
  }
  return root;
}

describe('where the kiosk window comes from', () => {
  it('uses Electron only when its binary was really downloaded', () => {
    expect(electronBinary(fakeRoot(false))).toBeUndefined();
    expect(electronBinary(fakeRoot(true))).toMatch(/node_modules\/electron\/dist\/electron$/);
    expect(planWindow({ root: fakeRoot(true), noOpen: true, env: {} }).kind).toBe('electron');
  });

  it('opens no window with --no-open or without a display, and says why', () => {
    const root = fakeRoot(false);
    expect(planWindow({ root, noOpen: true, env: { DISPLAY: ':0' }, platform: 'linux' })).toEqual({
      kind: 'none',
      reason: '--no-open',
    });
    const headless = planWindow({ root, noOpen: false, env: {}, platform: 'linux' });
    expect(headless).toMatchObject({ kind: 'none', reason: expect.stringContaining('no display') as string });
  });

  it('falls back to Chromium in app mode when there is a display', () => {
    const root = fakeRoot(false);
    const chromium = join(root, 'chromium');
    writeFileSync(chromium, '');
    expect(
      planWindow({ root, noOpen: false, env: { DISPLAY: ':0', CHROMIUM_PATH: chromium }, platform: 'linux' }),
    ).toEqual({
      kind: 'chromium',
      binary: chromium,
    });
    expect(chromiumArgs('http://127.0.0.1:8700/', '/data/profile')).toEqual(
      expect.arrayContaining(['--app=http://127.0.0.1:8700/', '--user-data-dir=/data/profile']),
    );
  });

  it('treats macOS and Windows as always having a display', () => {
    expect(hasDisplay({}, 'darwin')).toBe(true);
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
  });
});
