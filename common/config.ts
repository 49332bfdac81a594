/**
 * Configuration = an optional JSON file + environment variables, validated with zod (environment wins).
 * A wrong value must stop start-up with a message that names the setting, the variable and the file,
 * because the person reading it is a technician in a village, not the author of this code.
 */
import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';
// Pure (zod and the locker codecs): the compartment map is validated by the drivers' own schema.
import { compartmentSchema, lockerConfigSchema } from '../drivers/locker/compartments';
// Pure (zod): the county's admission limits are validated by their own module's schema.
import { admissionOptionsSchema } from '../county/admission';

/**
 * Where the receipt printer is, as the technician writes it (the same syntax as `npm run printer --
 * --printer`): `tcp://HOST[:PORT]`, `serial:PATH[@BAUD]`, or a path (`/dev/usb/lp0`, a file).
 * Checked here without the drivers' transports, which load serialport; hardware.ts parses it again
 * with drivers/printer/printer-target.ts, and config.test.ts keeps the two in agreement.
 */
export function printerTargetProblem(spec: string): string | undefined {
  if (spec.trim() !== spec || spec === '') return 'must be tcp://HOST:PORT, serial:PATH[@BAUD] or a path';
  if (spec.startsWith('tcp://')) {
    if (!URL.canParse(spec)) return 'not a valid tcp://HOST:PORT address';
    const url = new URL(spec);
    if (url.hostname === '' || (url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
      return 'must be tcp://HOST:PORT with nothing after the port';
    }
    return undefined;
  }
  if (spec.startsWith('serial:')) {
    return /^serial:[^@]+(@\d+)?$/.test(spec) ? undefined : 'must be serial:PATH or serial:PATH@BAUD';
  }
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) ? 'only tcp:// and serial: are understood' : undefined;
}

const printerSchema = z
  .object({
    /** Unset: no printer on this terminal (printing answers NOT_AVAILABLE; simulation ignores it). */
    target: z
      .string()
      .optional()
      .superRefine((spec, ctx) => {
        const problem = spec === undefined ? undefined : printerTargetProblem(spec);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    paperWidthMm: z.coerce
      .number()
      .pipe(z.union([z.literal(58), z.literal(80)], { error: 'must be 58 or 80 (mm)' }))
      .default(58),
  })
  .strict();

const lockerSchema = z
  .object({
    /** The USB-RS485 adapter: /dev/ttyUSB0, COM3. Unset: no locker bank (NOT_AVAILABLE). */
    port: z.string().min(1).optional(),
    protocol: z.enum(['generic', 'kerong']).default('generic'),
    /** Default: the protocol's own (generic 9600, Kerong 19200). */
    baudRate: z.coerce.number().int().min(1200).max(921_600).optional(),
    /**
     * Which board and lock open compartment A07, and its size. Required for a real bank; under
     * simulation the default is two boards of twelve (A01–A12, B01–B12).
     */
    compartments: z.array(compartmentSchema).min(1).optional(),
  })
  .strict()
  .superRefine((locker, ctx) => {
    if (!locker.compartments) return;
    // Ids unique, board/lock unique and within the protocol's range: the drivers' own rules.
    const checked = lockerConfigSchema.safeParse({
      protocol: locker.protocol,
      compartments: locker.compartments,
    });
    for (const issue of checked.success ? [] : checked.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  });

const scannerSchema = z
  .object({
    /**
     * A serial or USB-CDC scanner: /dev/ttyACM0, /dev/ttyUSB1, COM4. Unset: no serial scanner (a
     * keyboard-wedge scanner needs no setting: the page reads it as keys). Simulation ignores it.
     */
    port: z.string().trim().min(1, 'must be a serial port path such as /dev/ttyACM0').optional(),
    /** Factory default of the common models; USB-CDC scanners ignore it. */
    baudRate: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1200, 'must be at least 1200')
      .max(921_600, 'must be at most 921600')
      .default(9600),
  })
  .strict();

export const hardwareConfigSchema = z
  .object({
    printer: printerSchema.prefault({}),
    locker: lockerSchema.prefault({}),
    scanner: scannerSchema.prefault({}),
  })
  .strict();
export type HardwareConfig = z.infer<typeof hardwareConfigSchema>;

export const productConfigSchema = z.object({
  dataDir: z.string().min(1).default('./data'),
  county: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.coerce.number().int().min(0).max(65535).default(8600),
      databaseUrl: z.string().url().startsWith('postgres').optional(),
      adminToken: z.string().min(16, 'must be at least 16 characters').optional(),
      logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      /** Sync requests in progress before the county answers 503 BUSY + Retry-After (county/admission.ts). */
      admission: admissionOptionsSchema.prefault({}),
    })
    .strict()
    .prefault({}),
  kiosk: z
    .object({
      // Fixed on purpose: the origin (host + port) owns IndexedDB and the service worker.
      port: z.coerce.number().int().min(1).max(65535).default(8700),
      countyUrl: z
        .string()
        .url()
        .refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://')
        .optional(),
      simulate: z.coerce.boolean().default(true),
      idleTimeoutSeconds: z.coerce.number().int().min(10).max(3600).default(90),
      locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
      logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      /** The devices on this terminal; `simulate` puts emulators of the same shape in their place. */
      hardware: hardwareConfigSchema.prefault({}),
    })
    .strict()
    .superRefine((kiosk, ctx) => {
      // A real bank without its map would guess which lock opens which door: refuse to start.
      const locker = kiosk.hardware.locker;
      if (!kiosk.simulate && locker.port !== undefined && locker.compartments === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['hardware', 'locker', 'compartments'],
          message: `required with kiosk.hardware.locker.port ${locker.port} when kiosk.simulate is false`,
        });
      }
    })
    .prefault({}),
});

export type ProductConfig = z.infer<typeof productConfigSchema>;

/** Environment variable → config path. Listed here so the README and error messages agree. */
export const envSettings: Record<string, string> = {
  VPK_DATA_DIR: 'dataDir',
  VPK_COUNTY_HOST: 'county.host',
  VPK_COUNTY_PORT: 'county.port',
  DATABASE_URL: 'county.databaseUrl',
  VPK_ADMIN_TOKEN: 'county.adminToken',
  VPK_COUNTY_LOG_LEVEL: 'county.logLevel',
  VPK_COUNTY_MAX_IN_FLIGHT: 'county.admission.maxInFlight',
  VPK_KIOSK_PORT: 'kiosk.port',
  VPK_COUNTY_URL: 'kiosk.countyUrl',
  VPK_SIMULATE: 'kiosk.simulate',
  VPK_IDLE_TIMEOUT_SECONDS: 'kiosk.idleTimeoutSeconds',
  VPK_LOCALE: 'kiosk.locale',
  VPK_KIOSK_LOG_LEVEL: 'kiosk.logLevel',
  VPK_PRINTER: 'kiosk.hardware.printer.target',
  VPK_PAPER_WIDTH_MM: 'kiosk.hardware.printer.paperWidthMm',
  VPK_LOCKER_PORT: 'kiosk.hardware.locker.port',
  VPK_LOCKER_PROTOCOL: 'kiosk.hardware.locker.protocol',
  VPK_SCANNER_PORT: 'kiosk.hardware.scanner.port',
  VPK_SCANNER_BAUD: 'kiosk.hardware.scanner.baudRate',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Json = Record<string, unknown>;

function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Json;
  }
  node[keys[keys.length - 1]!] = value;
}

function envValue(path: string, raw: string): unknown {
  // Booleans arrive as strings; z.coerce.boolean() would read "false" as true.
  if (path === 'kiosk.simulate') {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
  }
  return raw;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of the JSON file; default `VPK_CONFIG` or `./vpk.config.json` when it exists. */
  file?: string;
}

/** Where the configuration file is (or would be): `VPK_CONFIG`, else `vpk.config.json` in the working directory. */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.VPK_CONFIG ?? 'vpk.config.json';
}

/** The file's JSON object; a missing file is `{}` when `missingOk`. Throws ConfigError. */
export function readConfigFile(file: string, missingOk = false): Json {
  if (missingOk && !existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`配置文件 ${file} 无法读取 / config file cannot be read: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`配置文件 ${file} 不是 JSON 对象 / config file is not a JSON object`);
  }
  return raw as Json;
}

/** Environment values over `raw` (a copy); returns it with the setting paths they set. */
export function withEnvironment(raw: Json, env: NodeJS.ProcessEnv): { merged: Json; fromEnv: Set<string> } {
  const merged = structuredClone(raw);
  const fromEnv = new Set<string>();
  for (const [name, path] of Object.entries(envSettings)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      setPath(merged, path, envValue(path, value));
      fromEnv.add(path);
    }
  }
  return { merged, fromEnv };
}

/** The variable that sets a setting path, if any. */
export const envVariableFor = (path: string): string | undefined =>
  Object.keys(envSettings).find((k) => envSettings[k] === path);

export function loadConfig(opts: LoadConfigOptions = {}): ProductConfig {
  const env = opts.env ?? process.env;
  const file = opts.file ?? env.VPK_CONFIG ?? (existsSync('vpk.config.json') ? 'vpk.config.json' : undefined);
  const raw: Json = file === undefined ? {} : readConfigFile(file);
  const { merged, fromEnv } = withEnvironment(raw, env);
  const parsed = productConfigSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.');
    const source = fromEnv.has(path)
      ? `environment variable ${envVariableFor(path)}`
      : file !== undefined
        ? `file ${file}`
        : 'defaults';
    return `  setting "${path || '(root)'}" (from ${source}): ${issue.message}`;
  });
  throw new ConfigError(`配置有误 / invalid configuration:\n${lines.join('\n')}`);
}
