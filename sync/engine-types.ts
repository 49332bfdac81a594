/**
 * The sync engine's injected dependencies, options and the status it reports (ARCHITECTURE.md §5).
 * Everything with a side effect or a source of time comes in from outside (STYLE.md habit 5), so a test
 * drives a whole sync with a fake clock, a seeded random and an in-memory county.
 */
import type { KioskDb } from '../app/store/db';
import { assertNever, type SyncError, type SyncErrorCode } from './errors';
import type { BackoffOptions, BatchSizerOptions } from './pacing';
import type { SyncTransport } from './transport';

export interface SyncClock {
  /** Milliseconds. Used for delays, durations and display; never to order mutations (seq does). */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The slice of the Web Locks API the engine uses (`navigator.locks` in the page). */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

/** `online`/`offline` events (window's in the page). */
export interface ConnectivityEvents {
  subscribe(fn: (online: boolean) => void): () => void;
  isOnline?(): boolean;
}

export interface SyncLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: SyncLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** `navigator.storage.estimate` in the page. */
export type StorageEstimator = () => Promise<{ usage?: number; quota?: number } | undefined>;

export interface SyncEngineOptions {
  /** Web Locks name: one sync loop per terminal, whatever the number of windows. */
  lockName: string;
  /** A full cycle (push and pull) this often while healthy, ±20% so kiosks do not march in step. */
  intervalMs: number;
  /** New outbox rows wait this long, so a burst of records travels in one request. */
  notifyDelayMs: number;
  backoff: BackoffOptions;
  push: BatchSizerOptions;
  pull: BatchSizerOptions;
  /** Storage use above this share of the quota puts the status in warning. */
  storageWarnRatio: number;
}

export const DEFAULT_OPTIONS: SyncEngineOptions = {
  lockName: 'vpk-sync',
  intervalMs: 60_000,
  notifyDelayMs: 250,
  backoff: { baseMs: 2_000, capMs: 5 * 60_000, floorMs: 1_000 },
  push: { initial: 25, min: 1, max: 500, targetMs: 3_000 },
  pull: { initial: 200, min: 1, max: 1000, targetMs: 3_000 },
  storageWarnRatio: 0.8,
};

export interface SyncEngineDeps {
  db: KioskDb;
  transport: SyncTransport;
  clock: SyncClock;
  random: () => number;
  locks: LockManagerLike;
  events?: ConnectivityEvents;
  logger?: SyncLogger;
  storage?: StorageEstimator;
  options?: Partial<SyncEngineOptions>;
}

export type SyncState = 'idle' | 'syncing' | 'backoff' | 'offline' | 'notEnrolled' | 'error';

export interface StorageStatus {
  usage: number;
  quota: number;
  ratio: number;
  warning: boolean;
}

export function storageStatus(
  e: { usage?: number; quota?: number } | undefined,
  warnRatio: number,
): StorageStatus | undefined {
  if (!e?.quota) return undefined;
  const usage = e.usage ?? 0;
  const ratio = usage / e.quota;
  return { usage, quota: e.quota, ratio, warning: ratio >= warnRatio };
}

export interface SyncStatus {
  state: SyncState;
  /** Outbox rows not yet acknowledged by the county. */
  pending: number;
  /** Mutations the county refused, kept with their reason. */
  rejected: number;
  /** Device time of the last cycle that reached the county without error (display only). */
  lastSuccessAt?: number;
  /** The last failure, cleared by the next success; `message` is for the operator, in Chinese. */
  lastError?: { code: SyncErrorCode; message: string; at: number };
  /** When the engine will try again on its own (device time). */
  nextAttemptAt?: number;
  cursor: string;
  storage?: StorageStatus;
}

export interface PushTotals {
  applied: number;
  duplicate: number;
  rejected: number;
}

export type CycleResult =
  /** `contacted` is false when there was nothing to send and no pull was asked for. */
  | { kind: 'ok'; contacted: boolean; pushed: PushTotals; pulled: number; skipped: number }
  | { kind: 'failed'; error: SyncError; pushed: PushTotals; pulled: number; skipped: number }
  /** Another window holds the sync lock and is syncing: this one sent nothing. */
  | { kind: 'busy' }
  | { kind: 'stopped' };

export type Trigger = 'start' | 'online' | 'timer' | 'outbox' | 'syncNow' | 'manual' | 'queued';

/** What the operator is told the engine is doing after a failure with this code. */
export function stateFor(code: SyncErrorCode): SyncState {
  switch (code) {
    case 'OFFLINE':
    case 'TIMEOUT':
      return 'offline';
    case 'NOT_ENROLLED':
      return 'notEnrolled';
    case 'FORBIDDEN':
    case 'UNSUPPORTED_PROTOCOL':
    case 'STORAGE':
    case 'NOT_IDENTIFIED':
      return 'error';
    case 'PAYLOAD_TOO_LARGE':
    case 'RATE_LIMITED':
    case 'SERVER':
    case 'BAD_REQUEST':
    case 'MALFORMED':
      return 'backoff';
    default:
      return assertNever(code);
  }
}
