/**
 * Settling door opens that a power cut (or a reload) interrupted — run when the kiosk starts, and
 * again when the pickup or parcels screens open. It only QUERIES doors, never opens one
 * (ARCHITECTURE.md §4, §6).
 *
 * For each pending door side effect:
 * - pickup, door reads closed, the board had confirmed the release → the villager opened it and
 *   closed it: collected (unless an occupancy sensor still sees the parcel: back to stored + alert);
 * - pickup, door closed, release never confirmed → it may never have opened: back to stored, and the
 *   operator is asked to check the compartment (an empty-reading sensor settles it as collected);
 * - pickup, door reads open → someone is at it: left as is, settled by a later run once it closes;
 * - intake (no parcel was stored yet) → given up; the operator is told to check the compartment;
 * - board not answering → left pending for the next run; the compartment shows out of service.
 *
 * `keepReconciling` is the start-up form: it runs again on a timer while anything is left for "a
 * later run" (a door open, a board silent, a run that threw), so a parcel cut mid-pickup is settled
 * once the door closes, without anyone opening a screen.
 */
import type { KioskTransport } from '../../../kiosk-shell/api';
import type { KioskDb } from '../db';
import { isDoorEffect, type DoorEffect } from './door';
import { alertOperator } from './faults';
import { markCollected } from './pickup';
import { moveParcel, parcelTables } from './records';

export type ReconcileOutcome =
  'collected' | 'back-to-stored' | 'door-open' | 'no-answer' | 'intake-abandoned' | 'already-settled';

export interface ReconcileReport {
  effectId: string;
  compartmentId: string;
  parcelId?: string;
  outcome: ReconcileOutcome;
}

const inFlight = new WeakMap<KioskDb, Promise<ReconcileReport[]>>();

/** One run per database at a time: start-up and a screen opening may ask at once; they share it. */
export function reconcileParcels(
  db: KioskDb,
  api: KioskTransport,
  now: () => Date = () => new Date(),
): Promise<ReconcileReport[]> {
  const running = inFlight.get(db);
  if (running) return running;
  const run = reconcileOnce(db, api, now).finally(() => inFlight.delete(db));
  inFlight.set(db, run);
  return run;
}

const unsettled = (r: ReconcileReport) => r.outcome === 'door-open' || r.outcome === 'no-answer';

/**
 * Reconciles now and, while a report is unsettled (or the run failed), again every `intervalMs` —
 * still only querying doors. Stops by itself once everything is settled; `stop()` ends it sooner.
 */
export function keepReconciling(
  db: KioskDb,
  api: KioskTransport,
  opts: { intervalMs?: number; now?: () => Date; onRun?: (reports: ReconcileReport[] | Error) => void } = {},
): { stop: () => void; settled: Promise<void> } {
  const intervalMs = opts.intervalMs ?? 5_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let markSettled!: () => void;
  const settled = new Promise<void>((resolve) => (markSettled = resolve));
  const run = async (): Promise<void> => {
    let again: boolean;
    try {
      const reports = await reconcileParcels(db, api, opts.now);
      opts.onRun?.(reports);
      again = reports.some(unsettled);
    } catch (err) {
      opts.onRun?.(err instanceof Error ? err : new Error(String(err)));
      again = true;
    }
    if (stopped) return;
    if (again) timer = setTimeout(() => void run(), intervalMs);
    else markSettled();
  };
  void run();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    settled,
  };
}

async function reconcileOnce(db: KioskDb, api: KioskTransport, now: () => Date): Promise<ReconcileReport[]> {
  const pending = (await db.sideEffects.where('status').equals('pending').toArray()).filter(isDoorEffect);
  const reports: ReconcileReport[] = [];
  for (const effect of pending) reports.push(await settle(db, api, effect, now));
  return reports;
}

async function settle(
  db: KioskDb,
  api: KioskTransport,
  effect: DoorEffect,
  now: () => Date,
): Promise<ReconcileReport> {
  const d = effect.detail;
  const base = {
    effectId: effect.id,
    compartmentId: d.compartmentId,
    ...(d.parcelId ? { parcelId: d.parcelId } : {}),
  };
  const door = await api.invoke('locker.doorState', { compartmentId: d.compartmentId });
  if (!door.ok) return { ...base, outcome: 'no-answer' };

  if (d.purpose === 'intake') {
    await db.transaction('rw', [...parcelTables], async () => {
      await db.sideEffects.update(effect.id, { status: 'failed' });
      await alertOperator(
        db,
        {
          kind: door.value.door === 'open' ? 'door-left-open' : 'check-compartment',
          compartmentId: d.compartmentId,
        },
        now(),
      );
    });
    return { ...base, outcome: 'intake-abandoned' };
  }

  const parcel = d.parcelId ? await db.parcels.get(d.parcelId) : undefined;
  if (!parcel || parcel.status !== 'opening') {
    await db.sideEffects.update(effect.id, { status: 'done' });
    return { ...base, outcome: 'already-settled' };
  }
  if (door.value.door === 'open') return { ...base, outcome: 'door-open' };

  const occupied = door.value.occupied;
  const collected = occupied === false || (d.opened === true && occupied !== true);
  if (collected) {
    await markCollected(db, parcel.id, effect.id, d.method ?? 'code', d.operatorId, now);
    return { ...base, outcome: 'collected' };
  }
  await db.transaction('rw', [...parcelTables], async () => {
    await moveParcel(db, parcel.id, { type: 'open-failed' });
    await db.sideEffects.update(effect.id, { status: 'failed' });
    await alertOperator(
      db,
      { kind: 'check-compartment', compartmentId: d.compartmentId, parcelId: parcel.id },
      now(),
    );
  });
  return { ...base, outcome: 'back-to-stored' };
}
