/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder require()s its hooks: CommonJS */
'use strict';
/**
 * electron-builder `afterPack` hook (electron-builder.yml): flips the Electron fuses of the packed
 * binary, after the app is packed and before it is signed (STYLE.md, Signal Desktop). Fuses are
 * switches compiled into the Electron binary: flipped here, nothing on the terminal can turn them back.
 *
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 kiosk` would be a Node shell on the terminal.
 * - NODE_OPTIONS and --inspect off: no code injected through the environment or a debugger port.
 * - Embedded asar integrity on + only load the app from app.asar: a swapped or edited app.asar does
 *   not start (electron-builder embeds the hash before this hook runs).
 * - Cookie encryption on; the file:// extra privileges and the browser-process V8 snapshot off: the
 *   kiosk is served from http://127.0.0.1 and never loads file://.
 *
 * Plain CommonJS because electron-builder requires hooks as they are (no TypeScript).
 */
const { join } = require('node:path');
const { flipFuses, getCurrentFuseWire, FuseVersion, FuseV1Options } = require('@electron/fuses');

const REMOVED = 'r'.charCodeAt(0);

/** The fuse values the kiosk ships with, by @electron/fuses option name. */
const KIOSK_FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
});

/** The @electron/fuses configuration built from KIOSK_FUSES. */
function fuseConfig(platform) {
  const config = {
    version: FuseVersion.V1,
    // An arm64 macOS binary must be re-signed ad hoc after its bytes change (not a kiosk target).
    resetAdHocDarwinSignature: platform === 'darwin',
  };
  for (const [name, value] of Object.entries(KIOSK_FUSES)) config[FuseV1Options[name]] = value;
  return config;
}

/** Where electron-builder put the Electron binary in `appOutDir` (as its own fuse step finds it). */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
  }
}

async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, fuseConfig(context.electronPlatformName));
  // Read them back: a binary whose wire did not take the values must not ship.
  const wire = await getCurrentFuseWire(binary);
  for (const [name, value] of Object.entries(KIOSK_FUSES)) {
    const index = FuseV1Options[name];
    // A fuse this Electron does not have, or has removed ('r'): its behaviour is fixed by Electron.
    if (wire[index] === undefined || wire[index] === REMOVED) continue;
    const want = (value ? '1' : '0').charCodeAt(0);
    if (wire[index] !== want) throw new Error(`fuse ${name} is ${wire[index]} after flipping, not ${want}`);
  }
}

module.exports = afterPack;
module.exports.afterPack = afterPack;
module.exports.KIOSK_FUSES = KIOSK_FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
