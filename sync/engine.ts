/**
 * The kiosk's sync loop (ARCHITECTURE.md §5): whatever the point records reaches the county exactly
 * once, and what the county publishes reaches the point, however the link behaves.
 *
 * Invariants:
 * - One loop per terminal: every cycle runs inside the Web Lock `vpk-sync` (ifAvailable), so a second
 *   window never sends the outbox twice at the same time.
 * - An outbox row is deleted only after its ack is committed locally (push-store.ts); a crash between
 *   the POST and that commit resends it, and the county dedupes by (device, mutation id).
 * - The pull cursor is committed with the changes it covers (pull-store.ts). Seq orders mutations;
 *   the device clock only paces retries and stamps the operator's display.
 * Triggers: start, `online`, a timer (~60 s when healthy; backoff with full jitter after a failure),
 * new outbox rows (Dexie's storagemutated, or `notify()`), and `syncNow()`.
 */
import { watchOutbox } from '../app/store/push-store';
import { readCounts, readSyncState } from '../app/store/sync-state';
import { runCycle, type RunContext } from './engine-run';
import {
  DEFAULT_OPTIONS,
  silentLogger,
  stateFor,
  storageStatus,
  type CycleResult,
  type StorageStatus,
  type SyncEngineDeps,
  type SyncEngineOptions,
  type SyncState,
  type SyncStatus,
  type Trigger,
} from './engine-types';
import { assertNever, describeError, type SyncResult } from './errors';
import { buildExportFile } from './export';
import { BatchSizer, backoffDelay } from './pacing';
import type { ExportFile } from './protocol';

export * from './engine-types';

export class SyncEngine {
  private readonly o: SyncEngineOptions;
  private readonly logger;
  private readonly ctx: RunContext;
  private snapshot: SyncStatus = { state: 'idle', pending: 0, rejected: 0, cursor: '0' };
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private started = false;
  private stopping = false;
  private cleanups: (() => void)[] = [];
  private running: Promise<CycleResult> | undefined;
  private queued: { pull: boolean; urgent: boolean } | undefined;
  private timer: { handle: unknown; at: number } | undefined;
  private failures = 0;
  private lastFullAt: number | undefined;
  private lastSeqSeen = 0;
  /** What to show between cycles: the outcome of the last one that said anything, or the link's state. */
  private restState: SyncState = 'idle';

  constructor(private readonly deps: SyncEngineDeps) {
    this.o = { ...DEFAULT_OPTIONS, ...deps.options };
    this.logger = deps.logger ?? silentLogger;
    this.ctx = {
      deps,
      options: this.o,
      logger: this.logger,
      pushSizer: new BatchSizer(this.o.push),
      pullSizer: new BatchSizer(this.o.pull),
      device: undefined,
      stopping: () => this.stopping,
      began: () => this.setStatus({ state: 'syncing' }),
      progress: () => void this.refresh(),
    };
  }

  /** Subscribes to its triggers and runs a first cycle. Idempotent; `stop()` undoes it. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    const { events, db } = this.deps;
    if (events) {
      this.cleanups.push(events.subscribe((online) => this.onConnectivity(online)));
      if (events.isOnline?.() === false) this.rest('offline');
    }
    this.cleanups.push(watchOutbox(db, () => void this.refresh()));
    void this.load().finally(() => this.kick('start', true));
  }

  /** Stops the timers and triggers; resolves when the cycle in flight (if any) has ended. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    this.cleanups.splice(0).forEach((unsubscribe) => unsubscribe());
    this.clearTimer();
    this.queued = undefined;
    await this.whenIdle();
  }

  /** New outbox rows: sync soon. recordAction's callers may call it; Dexie's events call it anyway. */
  notify(): void {
    // While backing off, new rows wait for the backoff timer: a county that is down must not be hammered.
    if (!this.started || this.failures > 0) return;
    if (this.running) this.queued ??= { pull: false, urgent: false };
    else this.schedule(this.deps.clock.now() + this.o.notifyDelayMs, false);
  }

  /** The operator's 立即同步: a full cycle now, whatever the backoff. */
  syncNow(): Promise<CycleResult> {
    return this.runOnce({ trigger: 'syncNow' });
  }

  /** Runs one cycle after any cycle in flight; resolves with its result. Tests drive the engine with it. */
  async runOnce(opts: { pull?: boolean; trigger?: Trigger } = {}): Promise<CycleResult> {
    // Checked and claimed in the same tick: two callers never start two cycles at once.
    while (this.running) await this.running;
    return this.execute(opts.trigger ?? 'manual', opts.pull ?? true);
  }

  /** Resolves when no cycle is running (one started by a timer included). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  status(): SyncStatus {
    return this.snapshot;
  }

  subscribe(fn: (status: SyncStatus) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Every unacknowledged outbox row, for the USB-stick fallback (`npm run county -- import FILE`). */
  async exportUnsynced(): Promise<SyncResult<ExportFile>> {
    const device = this.ctx.device ?? (await readSyncState(this.deps.db).catch(() => undefined))?.device;
    return buildExportFile(this.deps.db, device, this.deps.clock.now(), this.logger);
  }

  /** Storage use against the quota (navigator.storage.estimate); above the warn ratio the status warns. */
  async storageEstimate(): Promise<StorageStatus | undefined> {
    try {
      const storage = storageStatus(await this.deps.storage?.(), this.o.storageWarnRatio);
      if (!storage) return undefined;
      if (storage.warning && !this.snapshot.storage?.warning)
        this.logger.warn(storage, 'storage nearly full');
      this.setStatus({ storage });
      return storage;
    } catch (err) {
      this.logger.warn({ err: describeError(err) }, 'storage estimate failed');
      return undefined;
    }
  }

  // ---------------------------------------------------------------- scheduling

  private kick(trigger: Trigger, pull: boolean): void {
    if (!this.started) return;
    if (this.running) {
      // Runs when the current cycle ends (pushPhase loops until the outbox is empty, but rows added
      // during the pull would otherwise wait for the timer).
      const urgent = trigger === 'online' || trigger === 'syncNow';
      this.queued = { pull: pull || !!this.queued?.pull, urgent: urgent || !!this.queued?.urgent };
      return;
    }
    void this.execute(trigger, pull);
  }

  private async execute(trigger: Trigger, pull: boolean): Promise<CycleResult> {
    this.clearTimer();
    const cycle = runCycle(this.ctx, trigger, pull);
    this.running = cycle;
    const result = await cycle; // never rejects
    this.running = undefined;
    this.afterCycle(result, pull);
    const queued = this.queued;
    this.queued = undefined;
    if (queued && (result.kind === 'ok' || (result.kind === 'failed' && queued.urgent))) {
      this.kick('queued', queued.pull);
    }
    return result;
  }

  private afterCycle(result: CycleResult, pull: boolean): void {
    const now = this.deps.clock.now();
    switch (result.kind) {
      case 'ok':
        if (result.contacted) {
          this.failures = 0;
          if (pull) this.lastFullAt = now;
          this.setStatus({ lastSuccessAt: now, lastError: undefined });
          this.restState = 'idle';
        }
        this.rest(this.restState);
        this.scheduleFull(now);
        break;
      case 'failed': {
        this.failures++;
        const { error } = result;
        const state = stateFor(error.code);
        // A person has to act on 'error' and 'notEnrolled': keep checking, slowly.
        const needsPerson = state === 'error' || state === 'notEnrolled';
        const delay = needsPerson ? this.o.backoff.capMs : this.backoff(error.retryAfterMs);
        this.logger.warn(
          { code: error.code, detail: error.detail, attempt: this.failures, delay },
          'sync failed',
        );
        this.setStatus({ lastError: { code: error.code, message: error.message, at: now } });
        this.rest(state);
        this.schedule(now + delay, true);
        break;
      }
      case 'busy': // another window is syncing: it will tell the truth through the shared database
        this.rest(this.restState);
        this.scheduleFull(now);
        break;
      case 'stopped':
        this.rest(this.restState);
        break;
      default:
        assertNever(result);
    }
    void this.refresh();
    void this.storageEstimate();
  }

  private backoff(retryAfterMs = 0): number {
    return Math.max(backoffDelay(this.failures, this.deps.random, this.o.backoff), retryAfterMs);
  }

  /** The next full cycle: an interval (±20%) after the last completed pull, not after the last push. */
  private scheduleFull(now: number): void {
    const jittered = this.o.intervalMs * (0.8 + 0.4 * this.deps.random());
    this.schedule(Math.max(now, (this.lastFullAt ?? now) + jittered), true);
  }

  private schedule(at: number, pull: boolean): void {
    if (!this.started) return;
    if (this.timer && this.timer.at <= at && this.failures === 0) return; // an earlier one will do
    this.clearTimer();
    const handle = this.deps.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.kick('timer', pull);
      },
      Math.max(0, at - this.deps.clock.now()),
    );
    this.timer = { handle, at };
    this.setStatus({ nextAttemptAt: at });
  }

  private clearTimer(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer.handle);
    this.timer = undefined;
    if (this.snapshot.nextAttemptAt !== undefined) this.setStatus({ nextAttemptAt: undefined });
  }

  private onConnectivity(online: boolean): void {
    if (online)
      this.kick('online', true); // at once, whatever the backoff
    else if (this.running) this.restState = 'offline';
    else this.rest('offline');
  }

  private rest(state: SyncState): void {
    this.restState = state;
    this.setStatus({ state });
  }

  // ---------------------------------------------------------------- status

  private async load(): Promise<void> {
    try {
      const s = await readSyncState(this.deps.db);
      this.lastSeqSeen = (await readCounts(this.deps.db)).lastSeq; // the start cycle sends what is there
      this.setStatus({ lastSuccessAt: s.lastSuccessAt, lastError: s.lastError });
      await this.refresh();
    } catch (err) {
      this.logger.error({ err: describeError(err) }, 'could not read the sync state');
    }
  }

  /** Re-reads the counts and the cursor; rows with a seq not seen before wake the loop. */
  private async refresh(): Promise<void> {
    try {
      const { lastSeq, ...counts } = await readCounts(this.deps.db);
      this.setStatus(counts);
      if (lastSeq > this.lastSeqSeen) {
        this.lastSeqSeen = lastSeq; // deletes never raise it: our own acks do not wake us
        this.notify();
      }
    } catch (err) {
      this.logger.warn({ err: describeError(err) }, 'could not refresh the sync status');
    }
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    const next = { ...this.snapshot, ...patch };
    for (const key of Object.keys(patch) as (keyof SyncStatus)[])
      if (patch[key] === undefined) delete next[key];
    this.snapshot = next;
    for (const fn of this.listeners) fn(next);
  }
}
