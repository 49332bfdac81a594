/**
 * The technician's settings (KioskApi settings.*): read from and written to the configuration file,
 * validated by the configuration schema itself (common/config.ts) together with the environment the
 * shell runs under, so a saved file is one the next start accepts.
 *
 * Invariants:
 * - Nothing is written unless the whole result validates; a wrong value answers BAD_REQUEST naming
 *   the setting in Chinese (配格口表第 2 行：锁号…) and the file is left as it was.
 * - The file is replaced atomically (temp file in the same folder, fsync, rename): a power cut while
 *   saving leaves the old file or the new one, never half of one — a kiosk that cannot parse its
 *   configuration does not start.
 * - Settings the technician does not edit here (kiosk.simulate, ports, county.*) are kept as they are.
 * - The running shell keeps what it started with: every change takes effect at the next start.
 */
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  envSettings,
  productConfigSchema,
  readConfigFile,
  withEnvironment,
  type ProductConfig,
} from '../common/config';
import { fail, ok, type KioskSettings, type Result, type SettingsView } from './api';

type Json = Record<string, unknown>;

/** What the technician reads on screen for each setting path. */
const labels: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^kiosk\.countyUrl$/, () => '县级中心地址'],
  [/^kiosk\.idleTimeoutSeconds$/, () => '无操作返回首页时间'],
  [/^kiosk\.locale$/, () => '界面语言'],
  [/^kiosk\.hardware\.printer\.target$/, () => '打印机地址'],
  [/^kiosk\.hardware\.printer\.paperWidthMm$/, () => '纸宽'],
  [/^kiosk\.hardware\.locker\.port$/, () => '快递柜串口'],
  [/^kiosk\.hardware\.locker\.protocol$/, () => '锁控板协议'],
  [
    /^kiosk\.hardware\.locker\.compartments\.(\d+)(?:\.(\w+))?$/,
    (m) => `格口表第 ${Number(m[1]) + 1} 行${m[2] ? `的${fieldNames[m[2]] ?? m[2]}` : ''}`,
  ],
  [/^kiosk\.hardware\.locker\.compartments$/, () => '格口表'],
  [/^kiosk\.hardware\.scanner\.port$/, () => '扫码枪串口'],
  [/^kiosk\.hardware\.scanner\.baudRate$/, () => '扫码枪波特率'],
];
const fieldNames: Record<string, string> = {
  id: '格口号',
  board: '板号',
  lock: '锁号',
  size: '尺寸',
  disabled: '停用',
};

export function settingLabel(path: string): string {
  for (const [pattern, label] of labels) {
    const m = path.match(pattern);
    if (m) return label(m);
  }
  return path;
}

/** The editable view of a configuration. */
export function settingsOf(config: ProductConfig): KioskSettings {
  const k = config.kiosk;
  const hw = k.hardware;
  return {
    countyUrl: k.countyUrl ?? null,
    idleTimeoutSeconds: k.idleTimeoutSeconds,
    locale: k.locale,
    printer: { target: hw.printer.target ?? null, paperWidthMm: hw.printer.paperWidthMm },
    locker: {
      port: hw.locker.port ?? null,
      protocol: hw.locker.protocol,
      compartments: (hw.locker.compartments ?? []).map((c) => ({ ...c, disabled: c.disabled })),
    },
    scanner: { port: hw.scanner.port ?? null, baudRate: hw.scanner.baudRate },
  };
}

const sections = [
  ['countyUrl', 'kiosk.countyUrl'],
  ['idleTimeoutSeconds', 'kiosk.idleTimeoutSeconds'],
  ['locale', 'kiosk.locale'],
  ['printer', 'kiosk.hardware.printer'],
  ['locker', 'kiosk.hardware.locker'],
  ['scanner', 'kiosk.hardware.scanner'],
] as const;

function changedSections(a: KioskSettings, b: KioskSettings): string[] {
  return sections
    .filter(([key]) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map(([, path]) => path);
}

const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Json) } : {};

/** `raw` with the settings put in; a null or empty setting is removed (= not configured). */
function applySettings(raw: Json, s: KioskSettings): Json {
  const put = (target: Json, key: string, value: unknown) => {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete target[key];
    else target[key] = value;
  };
  const kiosk = object(raw.kiosk);
  const hardware = object(kiosk.hardware);
  const printer = object(hardware.printer);
  const locker = object(hardware.locker);
  const scanner = object(hardware.scanner);
  put(kiosk, 'countyUrl', s.countyUrl?.trim() ?? null);
  put(kiosk, 'idleTimeoutSeconds', s.idleTimeoutSeconds);
  put(kiosk, 'locale', s.locale);
  put(printer, 'target', s.printer.target?.trim() ?? null);
  put(printer, 'paperWidthMm', s.printer.paperWidthMm);
  put(locker, 'port', s.locker.port?.trim() ?? null);
  put(locker, 'protocol', s.locker.protocol);
  put(locker, 'compartments', s.locker.compartments);
  put(scanner, 'port', s.scanner.port?.trim() ?? null);
  put(scanner, 'baudRate', s.scanner.baudRate);
  return { ...raw, kiosk: { ...kiosk, hardware: { ...hardware, printer, locker, scanner } } };
}

export interface SettingsServiceOptions {
  /** The configuration file (absolute, or relative to the shell's working directory). */
  file: string;
  env: NodeJS.ProcessEnv;
  /** What the running shell started with. */
  running: ProductConfig;
  fetchImpl?: typeof fetch;
  testTimeoutMs?: number;
  now?: () => number;
}

export class SettingsService {
  private saving: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SettingsServiceOptions) {}

  get(): Promise<Result<SettingsView>> {
    const { file, env, running } = this.opts;
    let onDisk: ProductConfig = running;
    try {
      const parsed = productConfigSchema.safeParse(withEnvironment(readConfigFile(file, true), env).merged);
      // A file broken by hand since the start: show what runs, and let a save repair it.
      if (parsed.success) onDisk = parsed.data;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
    const fromEnvironment = Object.entries(envSettings)
      .filter(([variable]) => env[variable] !== undefined && env[variable] !== '')
      .map(([variable, setting]) => ({ setting, variable }));
    const settings = settingsOf(onDisk);
    return Promise.resolve(
      ok({
        settings,
        file,
        fromEnvironment,
        restartPending: changedSections(settings, settingsOf(running)).length > 0,
      }),
    );
  }

  save(settings: KioskSettings): Promise<Result<{ file: string; restartRequired: string[] }>> {
    // One save at a time: two technicians' taps must not interleave read-modify-write.
    const run = this.saving.then(() => this.saveNow(settings));
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async saveNow(
    settings: KioskSettings,
  ): Promise<Result<{ file: string; restartRequired: string[] }>> {
    const { file, env, running } = this.opts;
    let raw: Json;
    try {
      raw = readConfigFile(file, true);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // A file nobody can parse: start from the defaults rather than refuse to ever save again.
      raw = {};
    }
    const next = applySettings(raw, settings);
    const parsed = productConfigSchema.safeParse(withEnvironment(next, env).merged, {
      error: z.locales.zhCN().localeError,
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 3).map((issue) => {
        const path = issue.path.join('.');
        return `${settingLabel(path)}（${path}）：${issue.message}`;
      });
      return fail('BAD_REQUEST', `设置有误，未保存 / not saved: ${problems.join('；')}`);
    }
    try {
      await writeAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
    } catch (error) {
      return fail('IO_ERROR', `配置文件写入失败，未保存 / cannot write ${file}: ${(error as Error).message}`);
    }
    return ok({ file, restartRequired: changedSections(settingsOf(parsed.data), settingsOf(running)) });
  }

  async testCounty(url: string): Promise<Result<{ latencyMs: number; serverTime: string | null }>> {
    const base = URL.canParse(url) ? new URL(url) : undefined;
    if (!base || !/^https?:$/.test(base.protocol) || base.username || base.password) {
      return fail('BAD_REQUEST', '地址格式不对，应为 http(s)://主机[:端口] / must be an http(s) URL');
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    const target = new URL('healthz', base);
    const now = this.opts.now ?? (() => performance.now());
    const timeoutMs = this.opts.testTimeoutMs ?? 5_000;
    const started = now();
    let res: Response;
    try {
      res = await (this.opts.fetchImpl ?? fetch)(target, {
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
        headers: { accept: 'application/json' },
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        return fail('TIMEOUT', `连接超时（${timeoutMs / 1000} 秒）/ no answer within ${timeoutMs} ms`);
      }
      return fail('IO_ERROR', `无法连接 / cannot connect: ${e.cause?.code ?? e.message}`);
    }
    const latencyMs = Math.max(0, Math.round(now() - started));
    const body = (await res.json().catch(() => undefined)) as
      { ok?: unknown; serverTime?: unknown } | undefined;
    if (res.status === 503) {
      return fail('REJECTED', '县级中心应答，但其数据库不可用 / the county answered: database unavailable');
    }
    if (!res.ok || body?.ok !== true) {
      return fail('REJECTED', `这个地址应答了 HTTP ${res.status}，但不像县级中心 / not a county centre`);
    }
    return ok({ latencyMs, serverTime: typeof body.serverTime === 'string' ? body.serverTime : null });
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // Same folder as the file: rename is atomic only within one file system.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
