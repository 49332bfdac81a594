/**
 * KioskApi — the one typed contract between the UI (renderer) and the hardware side (Node).
 * Every method has a zod schema for its input and its output; both transports (Electron IPC and the
 * browser-mode bridge) validate the input here before a handler runs, and every answer is a value,
 * never a thrown exception: `{ok: true, value} | {ok: false, error: {code, message}}`.
 *
 * This file imports only zod, so the renderer can `import type` from it and the shell can import it
 * at run time without dragging Node or Electron into the page.
 */
import { z } from 'zod';

export const errorCodes = [
  'BAD_REQUEST', // input failed its schema
  'UNKNOWN_METHOD',
  'NOT_AVAILABLE', // the device or driver is not present (yet)
  'DISCONNECTED', // the transport to the shell is down
  'TIMEOUT',
  'REJECTED', // the other side said no (e.g. an enrollment code that was used or expired)
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const kioskErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string() });
export type KioskError = z.infer<typeof kioskErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

const empty = z.object({}).strict();

export const printerStateSchema = z.enum(['ready', 'paper_out', 'paper_low', 'cover_open', 'offline']);
export type PrinterState = z.infer<typeof printerStateSchema>;

export const printerStatusSchema = z.object({
  state: printerStateSchema,
  model: z.string(),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  simulated: z.boolean(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

export const lockerStatusSchema = z.object({
  state: z.enum(['ready', 'degraded', 'offline']),
  compartments: z.number().int().nonnegative(),
  free: z.number().int().nonnegative(),
  outOfService: z.number().int().nonnegative(),
  simulated: z.boolean(),
});
export type LockerStatus = z.infer<typeof lockerStatusSchema>;

export const systemInfoSchema = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  simulate: z.boolean(),
  locale: z.enum(['zh-CN', 'en']),
  idleTimeoutSeconds: z.number().int().positive(),
  enrolled: z.boolean(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const enrollInputSchema = z
  .object({ code: z.string().min(1).max(32), deviceName: z.string().min(1).max(64) })
  .strict();
export const enrollResultSchema = z.object({
  deviceId: z.string(),
  village: z.string(),
  township: z.string(),
  county: z.string(),
});
export type EnrollResult = z.infer<typeof enrollResultSchema>;

/** The method table. Adding a method here makes both transports and the handler table fail to compile until it is handled. */
export const kioskApi = {
  'system.info': { input: empty, output: systemInfoSchema },
  'printer.status': { input: empty, output: printerStatusSchema },
  'locker.status': { input: empty, output: lockerStatusSchema },
  'device.enroll': { input: enrollInputSchema, output: enrollResultSchema },
} as const;

export type KioskApiSpec = typeof kioskApi;
export type KioskMethod = keyof KioskApiSpec;
export type MethodInput<M extends KioskMethod> = z.input<KioskApiSpec[M]['input']>;
export type MethodOutput<M extends KioskMethod> = z.output<KioskApiSpec[M]['output']>;

export const isKioskMethod = (name: unknown): name is KioskMethod =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(kioskApi, name);

/** What `window.kiosk` is in Electron (preload) and what the bridge client implements in browser mode. */
export interface KioskTransport {
  invoke<M extends KioskMethod>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
}

/** IPC channel names are namespaced strings (STYLE.md, Signal Desktop). */
export const IPC_INVOKE_CHANNEL = 'kiosk:invoke';

/** Browser-mode bridge: where the page fetches its per-start token and opens the socket. */
export const BRIDGE_TOKEN_PATH = '/kiosk-bridge/token';
export const BRIDGE_SOCKET_PATH = '/kiosk-bridge/socket';
/** The loopback path under which the kiosk origin proxies the county centre (token added by the shell). */
export const COUNTY_PROXY_PREFIX = '/county';

export const bridgeRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  input: z.unknown(),
});
export type BridgeRequest = z.infer<typeof bridgeRequestSchema>;
export interface BridgeResponse {
  id: number;
  result: Result<unknown>;
}
