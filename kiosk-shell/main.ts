/**
 * Electron main process: wiring only (ARCHITECTURE.md §3.1). Every decision lives in plain-Node,
 * tested modules — runtime.ts (server, handlers, hardware) and electron-wiring.ts (window options,
 * hardening, IPC, renderer supervision); this file hands them the real Electron objects.
 *
 * Bundled by scripts/build-shell.ts into dist/shell/main.cjs, next to preload.cjs; the built app is
 * dist/app. In that CJS bundle `import.meta.url` is defined to the bundle's own file URL.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, session } from 'electron';
import { ConfigError, loadConfig, type ProductConfig } from '../common/config';
import { createKioskLogger } from './log-ring';
import { startKioskRuntime } from './runtime';
import {
  hardenSession,
  hardenWebContents,
  kioskWindowOptions,
  registerIpc,
  superviseRenderer,
} from './electron-wiring';

const shellDir = dirname(fileURLToPath(import.meta.url));
/** A renderer silent this long is killed and reloaded; long enough for a slow catalogue sync in the page. */
const HANG_RELOAD_MS = 15_000;
/** A relaunch waits this long at most for the hardware to close before the process exits anyway. */
const RELAUNCH_CLOSE_MS = 5_000;

function fatal(title: string, error: unknown): void {
  // showErrorBox works before 'ready' and blocks until a person sees it: the technician reads this.
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
  app.exit(1);
}

export async function main(): Promise<void> {
  // A second copy would fight the first for the port, the serial ports and the printer.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let config: ProductConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fatal('配置有误 / Configuration error', error);
    return;
  }
  const { logger, ring } = createKioskLogger('kiosk-shell', config.kiosk.logLevel);
  const port = config.kiosk.port;
  // Registered before 'ready' so no webContents (window, devtools, anything) escapes the rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, port, logger));

  await app.whenReady();
  const appDir = join(shellDir, '..', 'app');
  const runtime = await startKioskRuntime({ config, shell: 'electron', logger, appDir, logRing: ring }).catch(
    (error: unknown) => {
      logger.fatal({ err: error }, 'kiosk runtime failed to start');
      // A ConfigError here is a device setting the drivers refused (kiosk.hardware.*): say so.
      const title =
        error instanceof ConfigError
          ? '配置有误 / Configuration error'
          : '终端无法启动 / The kiosk cannot start';
      fatal(title, error);
      return undefined;
    },
  );
  if (runtime === undefined) return;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // Quit waits for the server and the hardware to close, so no print job or door is cut in half.
    event.preventDefault();
    void runtime
      .close()
      .catch((err: unknown) => logger.error({ err }, 'runtime did not close cleanly'))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  registerIpc(ipcMain, runtime.handlers, logger, port);
  hardenSession(session.defaultSession, port, logger);
  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');

  const win = new BrowserWindow(
    kioskWindowOptions(join(shellDir, 'preload.cjs'), { devTools: !app.isPackaged }),
  );
  win.once('ready-to-show', () => win.show());
  // A second launch (a double-tapped shortcut) brings this window forward; one arriving while we
  // were still starting is simply dropped, as this instance is already on its way to the screen.
  app.on('second-instance', () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  superviseRenderer(win, logger, {
    hangReloadMs: HANG_RELOAD_MS,
    url: runtime.url,
    // Past the crash limit the whole app restarts. exit, not quit: a wedged page cannot veto it; the
    // runtime is closed first (bounded), so no print job or door command is cut in half.
    relaunch: () => {
      closed = true;
      app.relaunch();
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, RELAUNCH_CLOSE_MS).unref());
      void Promise.race([runtime.close(), timeout])
        .catch((err: unknown) => logger.error({ err }, 'runtime did not close before the relaunch'))
        .finally(() => app.exit(0));
    },
  });
  logger.info({ url: runtime.url, packaged: app.isPackaged }, 'kiosk window loading');
  // A failed first load is retried by superviseRenderer ('did-fail-load'); only log it here.
  await win.loadURL(runtime.url).catch((err: unknown) => logger.error({ err }, 'first load failed'));
}

// Runs itself only inside Electron; the tests import main() and call it with a faked 'electron'.
if (process.versions.electron !== undefined) {
  main().catch((error: unknown) => fatal('终端无法启动 / The kiosk cannot start', error));
}
