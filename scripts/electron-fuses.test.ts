/**
 * The afterPack hook against a stand-in for the Electron binary: a file holding the fuse wire exactly
 * as Electron lays it out (sentinel, wire version, wire length, one byte per fuse, '0' off, '1' on),
 * so @electron/fuses' real flip and read-back run without the Electron download.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}
interface FusesHook {
  (context: PackContext): Promise<void>;
  afterPack: (context: PackContext) => Promise<void>;
  KIOSK_FUSES: Record<string, boolean>;
  fuseConfig: (platform: string) => Record<string, unknown>;
  electronBinary: (context: PackContext) => string;
}

const hook = createRequire(import.meta.url)('./electron-fuses.cjs') as FusesHook;

const SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
const before = Buffer.from('\x7fELF…machine code before the wire…');
const after = Buffer.from('…and after it');

/** Electron's defaults for the 8 fuses @electron/fuses 1.8 knows, plus one newer fuse it does not. */
function fakeElectron(path: string, wire = '101100011'): void {
  writeFileSync(
    path,
    Buffer.concat([before, SENTINEL, Buffer.from([1, wire.length]), Buffer.from(wire), after]),
  );
}
function wireOf(path: string): string {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1');
}

const context = (appOutDir: string, electronPlatformName: string): PackContext => ({
  appOutDir,
  electronPlatformName,
  packager: {
    executableName: electronPlatformName === 'linux' ? 'village-point-kiosk' : 'VillagePointKiosk',
    appInfo: { productFilename: 'Village Point Kiosk' },
  },
});

describe('the electron-fuses afterPack hook', () => {
  it('asks for the kiosk fuses: no Node entry points, asar only and checked, cookies encrypted', () => {
    expect(hook.KIOSK_FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
    // @electron/fuses' configuration: wire version 1, fuses by their index on the wire.
    expect(hook.fuseConfig('linux')).toEqual({
      version: '1',
      resetAdHocDarwinSignature: false,
      0: false,
      1: true,
      2: false,
      3: false,
      4: true,
      5: true,
      6: false,
      7: false,
    });
    expect(hook.afterPack).toBe(hook);
  });

  it('flips the fuses of the Linux binary and leaves every other byte alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpk-fuses-'));
    const binary = join(dir, 'village-point-kiosk');
    fakeElectron(binary);
    const size = readFileSync(binary).length;
    await hook(context(dir, 'linux'));
    // RunAsNode 0, cookies 1, NODE_OPTIONS 0, --inspect 0, asar integrity 1, asar only 1,
    // V8 snapshot 0, file:// privileges 0 — and the fuse it does not know keeps Electron's value.
    expect(wireOf(binary)).toBe('010011001');
    const bytes = readFileSync(binary);
    expect(bytes.length).toBe(size);
    expect(bytes.subarray(0, before.length).equals(before)).toBe(true);
    expect(bytes.subarray(size - after.length).equals(after)).toBe(true);
  });

  it('finds the Windows executable by its product file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpk-fuses-'));
    expect(hook.electronBinary(context(dir, 'win32'))).toBe(join(dir, 'Village Point Kiosk.exe'));
    fakeElectron(join(dir, 'Village Point Kiosk.exe'), '10110001');
    await hook(context(dir, 'win32'));
    expect(wireOf(join(dir, 'Village Point Kiosk.exe'))).toBe('01001100');
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpk-fuses-'));
    writeFileSync(join(dir, 'village-point-kiosk'), 'not electron');
    await expect(hook(context(dir, 'linux'))).rejects.toThrow(/sentinel/);
  });
});
