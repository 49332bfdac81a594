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
  // Hardware: the drivers' own codes (drivers/result.ts), passed through one to one so the screen
  // can say exactly what happened (handlers.ts checks at compile time that none is missing).
  'BOARD_SILENT', // a locker board did not answer
  'LOCK_JAMMED', // the board answered that the lock did not release
  'DOOR_DID_NOT_OPEN', // no confirmation, and the door reads closed: safe to try again
  'DOOR_STILL_OPEN', // waitClosed gave up
  'BUS_UNPLUGGED', // the USB-RS485 adapter (or the printer's port) is gone
  'BUS_BUSY', // the open could not get the bus in time and was dropped unsent
  'BAD_FRAME',
  'UNKNOWN_COMPARTMENT',
  'PAPER_OUT',
  'COVER_OPEN',
  'PRINTER_OFFLINE',
  'PRINTER_UNREACHABLE',
  'STATUS_UNSUPPORTED', // a write-only printer connection (file, /dev/usb/lp0)
  'JOB_NOT_FOUND',
  'IO_ERROR',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const kioskErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** A print that failed stays in the print queue: this is the job to offer for 重印. */
  jobId: z.string().optional(),
});
export type KioskError = z.infer<typeof kioskErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

const empty = z.object({}).strict();

/** `unknown`: the connection is write-only (a file or /dev/usb/lp0), so the printer cannot be asked. */
export const printerStateSchema = z.enum([
  'ready',
  'paper_out',
  'paper_low',
  'cover_open',
  'offline',
  'unknown',
]);
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

/** What the printer can print (drivers/printer/layouts.ts); handlers.ts checks the two lists agree. */
export const documentKinds = [
  'order-receipt',
  'pickup-slip',
  'parcel-label',
  'dispatch-manifest',
  'cash-report',
  'test-page',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/*
 * A print request is a document kind and the domain facts it is made from. This file imports only
 * zod, so the facts travel as an object here and the Node side validates them against the layout's
 * own schema (drivers/printer/layout-inputs.ts) before anything is queued: a bad field is a
 * BAD_REQUEST naming the field. The test page needs no input: the shell knows the printer.
 */
const layoutInput = z.record(z.string(), z.unknown());
export const printRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('test-page') }).strict(),
  z.object({ kind: z.literal('order-receipt'), input: layoutInput }).strict(),
  z.object({ kind: z.literal('pickup-slip'), input: layoutInput }).strict(),
  z.object({ kind: z.literal('parcel-label'), input: layoutInput }).strict(),
  z.object({ kind: z.literal('dispatch-manifest'), input: layoutInput }).strict(),
  z.object({ kind: z.literal('cash-report'), input: layoutInput }).strict(),
]);
export type PrintRequest = z.infer<typeof printRequestSchema>;

export const printJobSchema = z.object({
  id: z.string(),
  kind: z.enum(documentKinds),
  /** For the operator's queue: 取件单 123456. */
  title: z.string(),
  /** queued → printing → printed | failed (kept, offered for 重印). */
  status: z.enum(['queued', 'printing', 'printed', 'failed']),
  /** More than 1: the paper says 重印. */
  attempts: z.number().int().nonnegative(),
  /** Device time, ms since the epoch (display only: village clocks are wrong). */
  createdAt: z.number(),
  printedAt: z.number().optional(),
  lastError: z.object({ code: z.enum(errorCodes), message: z.string() }).optional(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const compartmentIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'a compartment id such as A07');
const compartmentInput = z.object({ compartmentId: compartmentIdSchema }).strict();

export const doorStateSchema = z.enum(['open', 'closed', 'unknown']);
export type DoorState = z.infer<typeof doorStateSchema>;

export const compartmentSchema = z.object({
  id: z.string(),
  board: z.number().int().nonnegative(),
  lock: z.number().int().positive(),
  size: z.enum(['S', 'M', 'L']),
  /** As the board reports it now; unknown when the board does not answer. */
  door: doorStateSchema,
  /** Infrared occupancy where the boards have sensors (Kerong); null where they do not. */
  occupied: z.boolean().nullable(),
  /** Disabled in the configuration, or its board is not answering: never offered to a villager. */
  outOfService: z.boolean(),
});
export type Compartment = z.infer<typeof compartmentSchema>;

export const openResultSchema = z.object({
  compartmentId: z.string(),
  /** board: the board confirmed the release · query: its answer was lost and the door reads open. */
  confirmedBy: z.enum(['board', 'query']),
  /** The door was already open: no pulse was sent. */
  alreadyOpen: z.boolean(),
});
export type OpenResult = z.infer<typeof openResultSchema>;

/*
 * waitClosed is one short wait: the browser-mode bridge gives up on a call after 10 s, so a screen
 * that waits for a villager to close a door calls this again until it answers closed.
 */
export const WAIT_CLOSED_MAX_MS = 8_000;

/*
 * scanner.next is a long-poll, short for the same reason as waitClosed: the page calls it again in a
 * loop while a screen wants codes (app/platform/scans.ts). TIMEOUT means "nothing scanned, ask
 * again"; NOT_AVAILABLE means this terminal has no serial scanner (keyboard-wedge scanners never
 * reach the shell: the page sees them as keys).
 */
export const SCANNER_NEXT_MAX_MS = 8_000;
export const scanCodeSchema = z.string().min(1).max(512);
export const scannedCodeSchema = z.object({
  code: scanCodeSchema,
  /** Shell time, ms since the epoch, when the code ended. */
  at: z.number(),
});

/*
 * Technician settings: the part of vpk.config.json a technician changes on site. Only the shape is
 * checked here (this file imports only zod); the shell checks the values against the configuration
 * schema itself (common/config.ts) before it writes anything, and names the wrong setting in Chinese.
 * null = not set (no printer, no locker bank, no serial scanner, county from enrollment).
 */
const settingText = z.string().max(300).nullable();
export const compartmentSettingSchema = z
  .object({
    id: z.string().max(16),
    board: z.number().int(),
    lock: z.number().int(),
    size: z.enum(['S', 'M', 'L']),
    disabled: z.boolean(),
  })
  .strict();
export type CompartmentSetting = z.infer<typeof compartmentSettingSchema>;
export const kioskSettingsSchema = z
  .object({
    countyUrl: settingText,
    idleTimeoutSeconds: z.number().int(),
    locale: z.enum(['zh-CN', 'en']),
    printer: z.object({ target: settingText, paperWidthMm: z.number().int() }).strict(),
    locker: z
      .object({
        port: settingText,
        protocol: z.enum(['generic', 'kerong']),
        /** Empty: none in the file (simulation then uses its example bank). */
        compartments: z.array(compartmentSettingSchema).max(512),
      })
      .strict(),
    scanner: z.object({ port: settingText, baudRate: z.number().int() }).strict(),
  })
  .strict();
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;
export const settingsViewSchema = z.object({
  settings: kioskSettingsSchema,
  /** The file the settings are saved to. */
  file: z.string(),
  /** Settings an environment variable overrides: saving them changes the file, not the terminal. */
  fromEnvironment: z.array(z.object({ setting: z.string(), variable: z.string() })),
  /** The file differs from what the running shell started with: a restart is due. */
  restartPending: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** The Diagnostics log view and export (the shell keeps its recent log lines in memory). */
export const LOG_LINES_MAX = 500;

/** The method table. Adding a method here makes both transports and the handler table fail to compile until it is handled. */
export const kioskApi = {
  'system.info': { input: empty, output: systemInfoSchema },
  'printer.status': { input: empty, output: printerStatusSchema },
  'printer.print': { input: printRequestSchema, output: printJobSchema },
  'printer.jobs': { input: empty, output: z.object({ jobs: z.array(printJobSchema) }) },
  'printer.reprint': {
    input: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    output: printJobSchema,
  },
  'printer.lastReceiptText': { input: empty, output: z.object({ text: z.string().nullable() }) },
  'locker.status': { input: empty, output: lockerStatusSchema },
  'locker.compartments': { input: empty, output: z.object({ compartments: z.array(compartmentSchema) }) },
  'locker.open': { input: compartmentInput, output: openResultSchema },
  'locker.doorState': {
    input: compartmentInput,
    output: z.object({
      compartmentId: z.string(),
      door: z.enum(['open', 'closed']),
      occupied: z.boolean().nullable(),
    }),
  },
  'locker.waitClosed': {
    input: z
      .object({
        compartmentId: compartmentIdSchema,
        timeoutMs: z.number().int().min(0).max(WAIT_CLOSED_MAX_MS).default(5_000),
      })
      .strict(),
    output: z.object({
      compartmentId: z.string(),
      /** The door was seen open before it closed ("collected" needs this). */
      sawOpen: z.boolean(),
    }),
  },
  'device.enroll': { input: enrollInputSchema, output: enrollResultSchema },
  'scanner.next': {
    input: z.object({ timeoutMs: z.number().int().min(0).max(SCANNER_NEXT_MAX_MS).default(5_000) }).strict(),
    output: scannedCodeSchema,
  },
  /** The serial scanner's port and link; NOT_AVAILABLE when none is configured. */
  'scanner.status': {
    input: empty,
    output: z.object({
      /** serial:/dev/ttyACM0@9600, or the simulated scanner's wire. */
      port: z.string(),
      /** unplugged: the port is gone (the shell reopens it when the scanner is plugged back in). */
      state: z.enum(['connecting', 'open', 'unplugged', 'closed']),
      simulated: z.boolean(),
    }),
  },
  /** Simulation only (NOT_AVAILABLE on real hardware): the emulated scanner "reads" this code. */
  'scanner.simulate': { input: z.object({ code: scanCodeSchema }).strict(), output: z.object({}) },
  'settings.get': { input: empty, output: settingsViewSchema },
  /** Validated whole, then written atomically; BAD_REQUEST names the wrong setting and changes nothing. */
  'settings.save': {
    input: z.object({ settings: kioskSettingsSchema }).strict(),
    output: z.object({
      file: z.string(),
      /** Changed settings that take effect when the terminal restarts (all of them, today). */
      restartRequired: z.array(z.string()),
    }),
  },
  /** GET <url>/healthz with a timeout: REJECTED, TIMEOUT or IO_ERROR say why it failed. */
  'settings.testCounty': {
    input: z.object({ url: z.string().min(1).max(300) }).strict(),
    output: z.object({
      latencyMs: z.number().nonnegative(),
      /** The county's clock, so the technician sees a terminal clock that is far off. */
      serverTime: z.string().nullable(),
    }),
  },
  'logs.recent': {
    input: z.object({ limit: z.number().int().min(1).max(LOG_LINES_MAX).default(100) }).strict(),
    output: z.object({ lines: z.array(z.string()), total: z.number().int().nonnegative() }),
  },
  /** Writes the kept log lines to a file under the data folder, for the technician to copy. */
  'logs.export': {
    input: empty,
    output: z.object({ file: z.string(), lines: z.number().int().nonnegative(), bytes: z.number().int() }),
  },
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
