/**
 * The handler table: KioskApi → drivers. Shared by both transports (Electron IPC in main.ts,
 * the WebSocket bridge in bridge.ts), so the two can never disagree on what a call does.
 */
import type { z } from 'zod';
import {
  fail,
  isKioskMethod,
  kioskApi,
  ok,
  type KioskApiSpec,
  type KioskMethod,
  type MethodInput,
  type MethodOutput,
  type Result,
  type SystemInfo,
} from './api';
import type { Hardware } from './hardware';
import type { LockerService } from './locker-service';
import type { PrinterService } from './printer-service';
import type { ScannerService } from './scanner-service';
import type { SettingsService } from './settings-service';
import type { LogRing } from './log-ring';
import type { Logger } from '../common/logger';

/** What a handler receives: the input after its schema ran (defaults filled in). */
export type HandlerInput<M extends KioskMethod> = z.output<KioskApiSpec[M]['input']>;

export type Handlers = {
  [M in KioskMethod]: (input: HandlerInput<M>) => Promise<Result<MethodOutput<M>>>;
};

export interface HandlerDeps {
  info: () => SystemInfo;
  hardware: Hardware;
  enroll?: (input: MethodInput<'device.enroll'>) => Promise<Result<MethodOutput<'device.enroll'>>>;
  /** Technician settings (vpk.config.json); absent: NOT_AVAILABLE. */
  settings?: SettingsService;
  /** The shell's recent log lines, and the folder an export goes to; absent: NOT_AVAILABLE. */
  logs?: { ring: LogRing; exportDir: string };
}

const noPrinter = fail(
  'NOT_AVAILABLE',
  '本终端未配置打印机 / no printer configured (kiosk.hardware.printer.target)',
);
const noLocker = fail(
  'NOT_AVAILABLE',
  '本终端未配置快递柜 / no locker bank configured (kiosk.hardware.locker.port)',
);

const noScanner = fail(
  'NOT_AVAILABLE',
  '本终端未配置串口扫码枪 / no serial scanner configured (kiosk.hardware.scanner.port)',
);

export function createHandlers(deps: HandlerDeps): Handlers {
  const { printerService, lockerService, scannerService } = deps.hardware;
  const printer = <T>(use: (p: PrinterService) => Promise<Result<T>>): Promise<Result<T>> =>
    printerService ? use(printerService) : Promise.resolve(noPrinter);
  const locker = <T>(use: (l: LockerService) => Promise<Result<T>>): Promise<Result<T>> =>
    lockerService ? use(lockerService) : Promise.resolve(noLocker);
  const scanner = <T>(use: (s: ScannerService) => Promise<Result<T>>): Promise<Result<T>> =>
    scannerService ? use(scannerService) : Promise.resolve(noScanner);
  const settings = <T>(use: (s: SettingsService) => Promise<Result<T>>): Promise<Result<T>> =>
    deps.settings
      ? use(deps.settings)
      : Promise.resolve(fail('NOT_AVAILABLE', '本终端不能在此修改设置 / settings not available'));
  const logs = <T>(use: (l: NonNullable<HandlerDeps['logs']>) => Promise<Result<T>>): Promise<Result<T>> =>
    deps.logs ? use(deps.logs) : Promise.resolve(fail('NOT_AVAILABLE', '日志不可用 / logs not available'));
  return {
    'system.info': () => Promise.resolve(ok(deps.info())),
    'printer.status': () => printer((p) => p.status()),
    'printer.print': (request) => printer((p) => p.print(request)),
    'printer.jobs': () => printer((p) => p.jobs()),
    'printer.reprint': ({ jobId }) => printer((p) => p.reprint(jobId)),
    'printer.lastReceiptText': () => printer((p) => p.lastReceiptText()),
    'locker.status': () => locker((l) => l.status()),
    'locker.compartments': () => locker((l) => l.compartments()),
    'locker.open': ({ compartmentId }) => locker((l) => l.open(compartmentId)),
    'locker.doorState': ({ compartmentId }) => locker((l) => l.doorState(compartmentId)),
    'locker.waitClosed': ({ compartmentId, timeoutMs }) =>
      locker((l) => l.waitClosed(compartmentId, timeoutMs)),
    'device.enroll': (input) =>
      deps.enroll
        ? deps.enroll(input)
        : Promise.resolve(fail('NOT_AVAILABLE', '本终端不能注册 / enrollment not available')),
    'scanner.next': ({ timeoutMs }) => scanner((s) => s.next(timeoutMs)),
    'scanner.status': () => scanner((s) => Promise.resolve(s.status())),
    'scanner.simulate': ({ code }) => scanner((s) => s.simulate(code)),
    'settings.get': () => settings((s) => s.get()),
    'settings.save': (input) => settings((s) => s.save(input.settings)),
    'settings.testCounty': ({ url }) => settings((s) => s.testCounty(url)),
    'logs.recent': ({ limit }) =>
      logs(({ ring }) => Promise.resolve(ok({ lines: ring.recent(limit), total: ring.size }))),
    'logs.export': () =>
      logs(({ ring, exportDir }) =>
        ring
          .exportTo(exportDir)
          .then(ok, (error: unknown) =>
            fail('IO_ERROR', `日志导出失败 / log export failed: ${(error as Error).message}`),
          ),
      ),
  };
}

/**
 * The single entry point of both transports. Input from the page is untrusted: the method name and
 * the input are checked against the contract before any handler runs, and whatever goes wrong comes
 * back as a result value (a thrown error would cross IPC as an opaque string).
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  input: unknown,
  logger?: Logger,
): Promise<Result<unknown>> {
  if (!isKioskMethod(method)) return fail('UNKNOWN_METHOD', `未知的调用 / unknown method: ${String(method)}`);
  const spec = kioskApi[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    return fail(
      'BAD_REQUEST',
      `参数有误 / bad input for ${method}: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<Result<unknown>>;
    const result = await handler(parsed.data);
    if (!result.ok) return result;
    // A handler answering outside its own contract is our bug; say so instead of passing it on.
    const checked = spec.output.safeParse(result.value);
    if (!checked.success) {
      logger?.error({ method, issues: checked.error.issues }, 'handler output broke the contract');
      return fail('INTERNAL', `内部错误 / ${method} answered outside its contract`);
    }
    return ok(checked.data);
  } catch (error) {
    logger?.error({ method, err: error }, 'handler threw');
    return fail('INTERNAL', `内部错误 / ${method} failed: ${(error as Error).message}`);
  }
}
