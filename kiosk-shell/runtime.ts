/**
 * Composition of the kiosk's Node side, shared by Electron's main process, browser mode
 * (scripts/start.ts) and the tests: hardware → handler table → kiosk origin server (+ bridge).
 * Everything here is plain Node, so it is tested in Node; main.ts only adds the window.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFilePath, type ProductConfig } from '../common/config';
import type { Logger } from '../common/logger';
import type { SystemInfo } from './api';
import { newBridgeToken } from './bridge';
import { readDevice, type DeviceCredentials } from './device-store';
import { enrollDevice } from './enroll';
import { createHandlers, type Handlers } from './handlers';
import { createHardware, type Hardware } from './hardware';
import type { LogRing } from './log-ring';
import { createKioskServer, type KioskServer } from './server';
import { SettingsService } from './settings-service';

export const defaultAppDir = fileURLToPath(new URL('../dist/app', import.meta.url));
export const PRODUCT_VERSION = '0.1.0';

export interface KioskRuntimeOptions {
  config: ProductConfig;
  shell: 'electron' | 'browser';
  logger: Logger;
  appDir?: string;
  /** Injected for tests; default: emulators when config.kiosk.simulate, else the real drivers. */
  hardware?: Hardware;
  /** The root logger's in-memory copy (log-ring.ts createKioskLogger): logs.recent / logs.export. */
  logRing?: LogRing;
  /** Where settings.save writes; default VPK_CONFIG or ./vpk.config.json, as loadConfig reads. */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
}

export interface KioskRuntime {
  url: string;
  handlers: Handlers;
  hardware: Hardware;
  server: KioskServer;
  device: DeviceCredentials | undefined;
  close(): Promise<void>;
}

export async function startKioskRuntime(opts: KioskRuntimeOptions): Promise<KioskRuntime> {
  const { config, logger } = opts;
  // `let`: enrollment replaces the credentials while running; the proxy reads them per request.
  let device = await readDevice(config.dataDir);
  const hardware = opts.hardware ?? (await createHardware(config, logger.child({ module: 'hardware' })));
  const countyUrl = config.kiosk.countyUrl ?? device?.countyUrl;

  const info = (): SystemInfo => ({
    version: PRODUCT_VERSION,
    shell: opts.shell,
    simulate: config.kiosk.simulate,
    locale: config.kiosk.locale,
    idleTimeoutSeconds: config.kiosk.idleTimeoutSeconds,
    enrolled: device !== undefined,
  });
  const env = opts.env ?? process.env;
  const handlers = createHandlers({
    info,
    hardware,
    settings: new SettingsService({
      file: resolve(opts.configFile ?? configFilePath(env)),
      env,
      running: config,
    }),
    ...(opts.logRing && {
      logs: { ring: opts.logRing, exportDir: join(config.dataDir, 'kiosk', 'log-exports') },
    }),
    enroll: async ({ code, deviceName }) => {
      const { result, credentials } = await enrollDevice({
        countyUrl,
        dataDir: config.dataDir,
        code,
        deviceName,
      });
      if (credentials) {
        device = credentials;
        logger.info({ deviceId: credentials.deviceId, villageId: credentials.villageId }, 'enrolled');
      }
      return result;
    },
  });

  let server: KioskServer;
  try {
    server = await createKioskServer({
      port: config.kiosk.port,
      appDir: opts.appDir ?? defaultAppDir,
      logger: logger.child({ module: 'kiosk-server' }),
      county: countyUrl ? { url: countyUrl, getToken: () => device?.token } : undefined,
      bridge:
        opts.shell === 'browser'
          ? { handlers, token: newBridgeToken(), port: config.kiosk.port, logger }
          : undefined,
    });
  } catch (error) {
    // The serial port and the printer connection were opened above: let a second start have them.
    if (opts.hardware === undefined) await hardware.close();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${config.kiosk.port}/`,
    handlers,
    hardware,
    server,
    get device() {
      return device;
    },
    close: async () => {
      await server.close();
      await hardware.close();
    },
  };
}
