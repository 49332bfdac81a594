/**
 * The handler table: KioskApi → drivers. Shared by both transports (Electron IPC in main.ts,
 * the WebSocket bridge in bridge.ts), so the two can never disagree on what a call does.
 */
import {
  fail,
  isKioskMethod,
  kioskApi,
  ok,
  type KioskMethod,
  type MethodInput,
  type MethodOutput,
  type Result,
  type SystemInfo,
} from './api';
import type { Hardware } from './hardware';
import type { Logger } from '../common/logger';

export type Handlers = {
  [M in KioskMethod]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

export interface HandlerDeps {
  info: () => SystemInfo;
  hardware: Hardware;
  enroll?: (input: MethodInput<'device.enroll'>) => Promise<Result<MethodOutput<'device.enroll'>>>;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'system.info': () => Promise.resolve(ok(deps.info())),
    'printer.status': () => deps.hardware.printerStatus(),
    'locker.status': () => deps.hardware.lockerStatus(),
    'device.enroll': (input) =>
      deps.enroll
        ? deps.enroll(input)
        : Promise.resolve(fail('NOT_AVAILABLE', '本终端不能注册 / enrollment not available')),
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
