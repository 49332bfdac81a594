/**
 * Configuration = an optional JSON file + environment variables, validated with zod (environment wins).
 * A wrong value must stop start-up with a message that names the setting, the variable and the file,
 * because the person reading it is a technician in a village, not the author of this code.
 */
import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';

export const productConfigSchema = z.object({
  dataDir: z.string().min(1).default('./data'),
  county: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.coerce.number().int().min(0).max(65535).default(8600),
      databaseUrl: z.string().url().startsWith('postgres').optional(),
      adminToken: z.string().min(16, 'must be at least 16 characters').optional(),
      logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .strict()
    .default({ host: '127.0.0.1', port: 8600, logLevel: 'info' }),
  kiosk: z
    .object({
      // Fixed on purpose: the origin (host + port) owns IndexedDB and the service worker.
      port: z.coerce.number().int().min(1).max(65535).default(8700),
      countyUrl: z.string().url().optional(),
      simulate: z.coerce.boolean().default(true),
      idleTimeoutSeconds: z.coerce.number().int().min(10).max(3600).default(90),
      locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
      logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .strict()
    .default({ port: 8700, simulate: true, idleTimeoutSeconds: 90, locale: 'zh-CN', logLevel: 'info' }),
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
  VPK_KIOSK_PORT: 'kiosk.port',
  VPK_COUNTY_URL: 'kiosk.countyUrl',
  VPK_SIMULATE: 'kiosk.simulate',
  VPK_IDLE_TIMEOUT_SECONDS: 'kiosk.idleTimeoutSeconds',
  VPK_LOCALE: 'kiosk.locale',
  VPK_KIOSK_LOG_LEVEL: 'kiosk.logLevel',
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

export function loadConfig(opts: LoadConfigOptions = {}): ProductConfig {
  const env = opts.env ?? process.env;
  const file = opts.file ?? env.VPK_CONFIG ?? (existsSync('vpk.config.json') ? 'vpk.config.json' : undefined);
  let raw: Json = {};
  if (file !== undefined) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as Json;
    } catch (e) {
      throw new ConfigError(
        `配置文件 ${file} 无法读取 / config file cannot be read: ${(e as Error).message}`,
      );
    }
  }
  const fromEnv = new Set<string>();
  for (const [name, path] of Object.entries(envSettings)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      setPath(raw, path, envValue(path, value));
      fromEnv.add(path);
    }
  }
  const parsed = productConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.');
    const source = fromEnv.has(path)
      ? `environment variable ${Object.keys(envSettings).find((k) => envSettings[k] === path)}`
      : file !== undefined
        ? `file ${file}`
        : 'defaults';
    return `  setting "${path || '(root)'}" (from ${source}): ${issue.message}`;
  });
  throw new ConfigError(`配置有误 / invalid configuration:\n${lines.join('\n')}`);
}
