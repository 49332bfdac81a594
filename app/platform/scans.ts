/**
 * Scans for screens that wait for a code: `useScans(onScan, {enabled})` delivers every code read by
 * a keyboard-wedge scanner (told from typing by timing, wedge-scanner.ts) or by a serial scanner on
 * the shell (KioskApi `scanner.next`, long-polled here), already classified by `classifyScan`.
 *
 * Usage (a screen waiting for a waybill):
 *
 *   useScans((scan) => {
 *     if (scan.candidates.includes('waybill')) setWaybill(scan.code);
 *   }, { enabled: step === 'waybill' });
 *
 * Invariants:
 * - Every mounted, enabled hook gets every scan (wedge and serial alike); a screen that must not
 *   react passes `enabled: false` rather than ignoring codes by hand.
 * - A code read while no screen listens is dropped: a stale scan must never open a product or a
 *   parcel on the next villager's screen (the shell forgets unclaimed serial codes after 5 s too).
 * - One serial poll runs per transport however many hooks are mounted, and it stops when the last
 *   one unmounts: a poll left behind by an unmounted screen would swallow the next screen's code.
 * - The kind is a best guess from the code's shape; `candidates` lists every kind the code could
 *   be, most likely first (a valid EAN-13 may also be a 13-digit waybill). Look the code up anyway.
 *
 * The serial side needs the transport: App wraps the screens in `<ScannerProvider api={…}>`; a hook
 * outside it (an isolated screen test) listens to the wedge only, unless `opts.api` is given.
 */
import { createContext, createElement, useContext, useEffect, useRef, type ReactNode } from 'react';
import { fail, type KioskTransport } from '../../kiosk-shell/api';
import { listenForScans, type WedgeOptions } from './wedge-scanner';

export type ScanKind = 'pickup' | 'trace' | 'barcode' | 'waybill' | 'unknown';

interface ScanBase {
  /** The code as read, trimmed. */
  code: string;
  /** Every kind this code could be, most likely first; empty when it fits none. */
  candidates: readonly Exclude<ScanKind, 'unknown'>[];
}

export type ClassifiedScan =
  /** The QR on a pickup slip (`VPK1:P:<villageId>:<6 digits>`), or a bare 6-digit pickup code. */
  | (ScanBase & { kind: 'pickup'; pickupCode: string; villageId: string | null })
  /** A product trace code: `VPK1:T:<code>`, a trace URL carrying a code, or a 16–30 digit number. */
  | (ScanBase & { kind: 'trace'; traceCode: string })
  /** A retail barcode whose check digit is right. */
  | (ScanBase & { kind: 'barcode'; format: 'EAN-13' | 'EAN-8' | 'UPC-A' })
  /** A courier waybill number: letters, digits and dashes with at least six digits. */
  | (ScanBase & { kind: 'waybill' })
  | (ScanBase & { kind: 'unknown' });

export type ScanSource = 'wedge' | 'serial';
export type Scan = ClassifiedScan & { source: ScanSource };

/** GS1 check digit over all digits but the last (EAN-8, UPC-A, EAN-13 share the rule from the right). */
function gs1CheckOk(digits: string): boolean {
  let sum = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) {
    // Weights 3,1,3,1… counted from the digit next to the check digit.
    const fromRight = body.length - 1 - i;
    sum += Number(body.charAt(i)) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10 === Number(digits.charAt(digits.length - 1));
}

// Case-insensitive: a scanner left in caps-lock (or lower-case) mode must still read our own slips.
const PICKUP_QR = /^VPK1:P:([A-Za-z0-9-]{1,40}):(\d{6})$/i;
const TRACE_QR = /^VPK1:T:([A-Za-z0-9-]{1,64})$/i;
/** What the county accepts as a waybill (county/admin-contract.ts manifestEntry). */
const WAYBILL_SHAPE = /^[A-Za-z0-9-]{4,40}$/;
/** Query parameters trace platforms put the code in. */
const TRACE_PARAMS = ['code', 'traceCode', 'trace_code', 'tc', 'c', 'id'];

function traceFromUrl(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) return undefined;
  // Any host: the code is only looked up locally, nothing is fetched from the URL.
  const url = new URL(text);
  for (const name of TRACE_PARAMS) {
    const value = url.searchParams.get(name);
    if (value && /^[A-Za-z0-9-]{4,64}$/.test(value)) return value;
  }
  const last = url.pathname.split('/').filter(Boolean).pop();
  return last && /^[A-Za-z0-9-]{4,64}$/.test(last) ? last : undefined;
}

/** Pure: what a scanned code most likely is. Never throws. */
export function classifyScan(raw: string): ClassifiedScan {
  const code = raw.trim();
  const pickup = PICKUP_QR.exec(code);
  if (pickup) {
    return { code, kind: 'pickup', candidates: ['pickup'], villageId: pickup[1]!, pickupCode: pickup[2]! };
  }
  if (/^\d{6}$/.test(code)) {
    return { code, kind: 'pickup', candidates: ['pickup'], villageId: null, pickupCode: code };
  }
  const trace = TRACE_QR.exec(code)?.[1] ?? traceFromUrl(code);
  if (trace) return { code, kind: 'trace', candidates: ['trace'], traceCode: trace };
  if (/^\d+$/.test(code)) {
    const format =
      code.length === 13 ? 'EAN-13' : code.length === 12 ? 'UPC-A' : code.length === 8 ? 'EAN-8' : undefined;
    if (format && gs1CheckOk(code)) {
      // 8-digit codes are too short for a waybill; 12/13 digits could be either.
      const candidates = format === 'EAN-8' ? (['barcode'] as const) : (['barcode', 'waybill'] as const);
      return { code, kind: 'barcode', candidates, format };
    }
    if (code.length >= 16 && code.length <= 30) {
      return { code, kind: 'trace', candidates: ['trace', 'waybill'], traceCode: code };
    }
  }
  if (WAYBILL_SHAPE.test(code)) {
    const digits = code.replace(/\D/g, '').length;
    if (digits >= 6) return { code, kind: 'waybill', candidates: ['waybill'] };
    return { code, kind: 'unknown', candidates: ['waybill'] };
  }
  return { code, kind: 'unknown', candidates: [] };
}

// ------------------------------------------------------------------------------------ serial polling

/** Each long-poll asks the shell to wait this long (the bridge gives up on a call after 10 s). */
export const SERIAL_POLL_MS = 5_000;
/** After an error (shell down) wait before asking again; after NOT_AVAILABLE, much longer. */
const RETRY_MS = 2_000;
const UNAVAILABLE_RETRY_MS = 30_000;

type Listener = (code: string) => void;

/** One poll loop per transport, shared by every mounted hook (see the invariants above). */
class SerialScanHub {
  private readonly listeners = new Set<Listener>();
  private running = false;

  constructor(
    private readonly api: KioskTransport,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.running) void this.loop();
    return () => this.listeners.delete(listener);
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.listeners.size > 0) {
        // Transports answer with values, but a broken IPC channel may still reject: keep polling.
        const result = await this.api
          .invoke('scanner.next', { timeoutMs: SERIAL_POLL_MS })
          .catch((e: unknown) => fail('DISCONNECTED', e instanceof Error ? e.message : String(e)));
        if (result.ok) {
          for (const l of [...this.listeners]) l(result.value.code);
        } else if (result.error.code === 'NOT_AVAILABLE' || result.error.code === 'UNKNOWN_METHOD') {
          // No serial scanner on this terminal; look again now and then (the shell may restart with one).
          await this.sleep(UNAVAILABLE_RETRY_MS);
        } else if (result.error.code !== 'TIMEOUT') {
          await this.sleep(RETRY_MS);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const hubs = new WeakMap<KioskTransport, SerialScanHub>();
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Subscribes to the shell's serial scanner; returns the unsubscribe function. */
export function listenForSerialScans(api: KioskTransport, onCode: (code: string) => void): () => void {
  let hub = hubs.get(api);
  if (!hub) {
    hub = new SerialScanHub(api, realSleep);
    hubs.set(api, hub);
  }
  return hub.subscribe(onCode);
}

// ------------------------------------------------------------------------------------------- React

const ScannerContext = createContext<KioskTransport | null>(null);

/** Gives `useScans` the shell transport for serial scanners. App renders it once around the screens. */
export function ScannerProvider({ api, children }: { api: KioskTransport; children?: ReactNode }) {
  return createElement(ScannerContext.Provider, { value: api }, children);
}

export interface UseScansOptions {
  /** false: no scans are delivered (default true). */
  enabled?: boolean;
  /** The shell transport; default the one from `<ScannerProvider>`. */
  api?: KioskTransport;
  /** Keyboard-wedge timing (tests). */
  wedge?: WedgeOptions;
  /** The window whose keys are watched; default `window`. */
  win?: Window;
}

/**
 * Calls `onScan` with each code scanned while the calling component is mounted and `enabled`.
 * `onScan` may change on every render: the latest one is called.
 */
export function useScans(onScan: (scan: Scan) => void, opts: UseScansOptions = {}): void {
  const contextApi = useContext(ScannerContext);
  const api = opts.api ?? contextApi;
  const enabled = opts.enabled ?? true;
  const latest = useRef(onScan);
  // After every render: scans arrive from events, never during a render.
  useEffect(() => {
    latest.current = onScan;
  });
  const { wedge, win } = opts;
  const maxGapMs = wedge?.maxGapMs;
  const minLength = wedge?.minLength;
  const now = wedge?.now;

  useEffect(() => {
    if (!enabled) return;
    const deliver = (source: ScanSource) => (code: string) => {
      const scan: Scan = { ...classifyScan(code), source };
      if (scan.code) latest.current(scan);
    };
    const wedgeOpts: WedgeOptions = {
      ...(maxGapMs !== undefined && { maxGapMs }),
      ...(minLength !== undefined && { minLength }),
      ...(now !== undefined && { now }),
    };
    const stopWedge = listenForScans(win ?? window, deliver('wedge'), wedgeOpts);
    const stopSerial = api ? listenForSerialScans(api, deliver('serial')) : undefined;
    return () => {
      stopWedge();
      stopSerial?.();
    };
  }, [enabled, api, win, maxGapMs, minLength, now]);
}
