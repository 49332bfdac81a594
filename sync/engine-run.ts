/**
 * One whole sync cycle under the terminal's sync lock: who am I (once per engine), push, then pull.
 * The engine (engine.ts) decides when to run one and what to do with the result; this file decides
 * what a cycle is.
 */
import { recordSyncError, recordSyncSuccess, saveIdentity } from '../app/store/sync-state';
import { pullPhase, pushPhase, type PhaseDeps } from './engine-cycle';
import type { CycleResult, SyncEngineDeps, SyncEngineOptions, SyncLogger, Trigger } from './engine-types';
import { describeError, syncError, type SyncError } from './errors';
import type { BatchSizer } from './pacing';
import type { DeviceIdentity } from './transport';

export interface RunContext {
  deps: SyncEngineDeps;
  options: SyncEngineOptions;
  logger: SyncLogger;
  pushSizer: BatchSizer;
  pullSizer: BatchSizer;
  /** Asked of the county once per engine, and again after a 401/403 (the terminal may have been re-enrolled). */
  device: DeviceIdentity | undefined;
  stopping: () => boolean;
  /** The cycle holds the lock and starts talking. */
  began: () => void;
  /** A batch or a page was committed. */
  progress: () => void;
}

const noTotals = () => ({ pushed: { applied: 0, duplicate: 0, rejected: 0 }, pulled: 0, skipped: 0 });

export async function runCycle(ctx: RunContext, trigger: Trigger, pull: boolean): Promise<CycleResult> {
  const { db, clock, locks } = ctx.deps;
  try {
    return await locks.request(ctx.options.lockName, { ifAvailable: true }, async (lock) => {
      if (!lock) {
        ctx.logger.debug({ trigger }, 'another window holds the sync lock');
        return { kind: 'busy' } as const;
      }
      return cycleLocked(ctx, trigger, pull);
    });
  } catch (err) {
    // The transport returns values; what throws here is the local database.
    const error = syncError('STORAGE', describeError(err));
    await recordSyncError(db, { code: error.code, message: error.message, at: clock.now() }).catch(
      () => undefined,
    );
    return { kind: 'failed', error, ...noTotals() };
  }
}

async function cycleLocked(ctx: RunContext, trigger: Trigger, pull: boolean): Promise<CycleResult> {
  const { db, transport, clock } = ctx.deps;
  if (ctx.stopping()) return { kind: 'stopped' };
  ctx.began();
  const totals = noTotals();
  const failed = async (error: SyncError): Promise<CycleResult> => {
    if (error.code === 'NOT_ENROLLED' || error.code === 'FORBIDDEN') ctx.device = undefined;
    await recordSyncError(db, { code: error.code, message: error.message, at: clock.now() });
    return { kind: 'failed', error, ...totals };
  };

  let requests = 0;
  if (!ctx.device) {
    const me = await transport.identify();
    if (!me.ok) return failed(me.error);
    requests++;
    const { villageChanged } = await saveIdentity(db, me.value);
    if (villageChanged) ctx.logger.warn({ ...me.value }, 'enrolled for another village: pulled data reset');
    ctx.device = me.value;
  }

  const phase: PhaseDeps = {
    db,
    transport,
    clock,
    logger: ctx.logger,
    stopped: ctx.stopping,
    progress: ctx.progress,
  };
  const push = await pushPhase(phase, ctx.device, ctx.pushSizer);
  totals.pushed = push.totals;
  requests += push.requests;
  if (!push.ok) return failed(push.error);

  if (pull) {
    const res = await pullPhase(phase, ctx.pullSizer);
    totals.pulled = res.totals.pulled;
    totals.skipped = res.totals.skipped;
    requests += res.requests;
    if (!res.ok) return failed(res.error);
  }
  if (requests > 0) await recordSyncSuccess(db, clock.now());
  ctx.logger.debug({ trigger, requests, ...totals.pushed, pulled: totals.pulled }, 'sync cycle done');
  return { kind: 'ok', contacted: requests > 0, ...totals };
}
