/**
 * Pickup (取件): a villager types the code (or scans the slip's QR), the kiosk verifies it locally
 * against the stored hashes, and the compartment opens; door seen open and then closed → collected.
 *
 * Invariants:
 * - Verification needs no link: the salted hash of the typed code is looked up among waiting parcels.
 * - Wrong codes count towards the lockout (lockout.ts), kept in `meta` so a reload does not reset it;
 *   the moment it locks, the operator is told (an alert and a synced audit line).
 * - A code opens its parcel and every other parcel waiting for the same phone, one after another: the
 *   code came by SMS to that phone or on the slip handed to its owner.
 * - The parcel moves stored → opening in the transaction that writes the pending door side effect,
 *   BEFORE the open is sent; collected is written with its `parcel.collected` outbox entry only after
 *   the door reads closed. A door that does not open puts the parcel back to stored and alerts.
 */
import { mutationSchemas } from '../../../sync/protocol';
import type { ErrorCode, KioskTransport } from '../../../kiosk-shell/api';
import { recordAudit } from '../audit';
import type { KioskDb } from '../db';
import { hashCode, isPickupCode } from './codes';
import {
  auditDoorOpen,
  newDoorEffect,
  waitDoorClosed,
  type DoorEffectDetail,
  type WaitProgress,
} from './door';
import { alertOperator, markFaulty, takesOutOfService } from './faults';
import {
  emptyLockout,
  isLocked,
  lockedUntil,
  recordFailure,
  recordSuccess,
  triesLeft,
  type LockoutState,
} from './lockout';
import { overdueFee, parcelSettings } from './overdue';
import { codeSalt, moveParcel, parcelTables, recordParcelEvent } from './records';
import type { ParcelRow } from './types';

export const LOCKOUT_KEY = 'parcels.pickupLockout';

export async function readLockout(db: KioskDb): Promise<LockoutState> {
  const v = (await db.meta.get(LOCKOUT_KEY))?.value as LockoutState | undefined;
  return v && Array.isArray(v.failures) ? v : emptyLockout;
}

/** For the keypad: locked until when (ms), if locked now. */
export async function keypadLockedUntil(db: KioskDb, now: Date): Promise<number | undefined> {
  return lockedUntil(await readLockout(db), now.getTime());
}

/** The operator may lift a lock after checking who is at the kiosk. */
export async function clearLockout(db: KioskDb, operatorId: string, now: () => Date = () => new Date()) {
  await db.transaction('rw', [...parcelTables], async () => {
    await db.meta.put({ key: LOCKOUT_KEY, value: recordSuccess() });
    await recordAudit(db, { kind: 'pickup.unlock', operatorId, detail: {} }, now);
  });
}

/** A parcel to hand over, with any storage fee still due (then the operator takes it first). */
export interface PickupItem {
  parcel: ParcelRow;
  feeDueFen: number;
}

export type VerifyResult =
  | { ok: true; items: PickupItem[] }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'locked'; until: number };

export async function verifyCode(
  db: KioskDb,
  typed: string,
  now: () => Date = () => new Date(),
): Promise<VerifyResult> {
  const at = now();
  const salt = await db.transaction('rw', db.meta, () => codeSalt(db));
  const hash = isPickupCode(typed) ? await hashCode(salt, typed) : undefined;
  const settings = await parcelSettings(db);
  return db.transaction('rw', [...parcelTables], async (): Promise<VerifyResult> => {
    const state = await readLockout(db);
    const until = lockedUntil(state, at.getTime());
    if (until !== undefined) return { ok: false, reason: 'locked', until };
    const match = hash
      ? (await db.parcels.where('codeHash').equals(hash).toArray()).find((p) => p.status === 'stored')
      : undefined;
    if (!match) {
      const { state: next, justLocked } = recordFailure(state, at.getTime());
      await db.meta.put({ key: LOCKOUT_KEY, value: next });
      if (justLocked) {
        await alertOperator(db, { kind: 'keypad-locked' }, at);
        await recordAudit(
          db,
          { kind: 'pickup.lockout', detail: { failures: state.failures.length + 1 } },
          now,
        );
      }
      return isLocked(next, at.getTime())
        ? { ok: false, reason: 'locked', until: lockedUntil(next, at.getTime())! }
        : { ok: false, reason: 'wrong', triesLeft: triesLeft(next, at.getTime()) };
    }
    await db.meta.put({ key: LOCKOUT_KEY, value: recordSuccess() });
    const samePhone = await db.parcels.where('phone').equals(match.phone).toArray();
    const others = samePhone
      .filter((p) => p.id !== match.id && p.status === 'stored')
      .sort((a, b) => a.storedAt.localeCompare(b.storedAt));
    const items = [match, ...others].map((parcel) => ({
      parcel,
      feeDueFen: overdueFee(parcel, at, settings).feeDueFen,
    }));
    return { ok: true, items };
  });
}

export type OpenForPickupResult =
  | { ok: true; parcel: ParcelRow }
  | { ok: false; reason: 'door-fault'; code: ErrorCode; message: string }
  | { ok: false; reason: 'fee-due'; feeDueFen: number }
  | { ok: false; reason: 'not-waiting' | 'shelf' }
  /** The screen stopped waiting with the door open: reconcile settles it when the door closes. */
  | { ok: false; reason: 'abandoned' };

export type PickupProgress = { step: 'opening' } | { step: 'take-and-close'; wait: WaitProgress };

export interface PickupDeps {
  method: 'code' | 'operator';
  operatorId?: string;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: PickupProgress) => void;
}

/**
 * Opens a stored locker parcel's compartment and waits until the door closes, then records it
 * collected (`parcel.collected`). A shelf parcel is not opened (`reason: 'shelf'`): the screen shows
 * its shelf code and the operator hands it over (`handOverShelfParcel`).
 */
export async function openForPickup(
  db: KioskDb,
  api: KioskTransport,
  parcelId: string,
  deps: PickupDeps,
): Promise<OpenForPickupResult> {
  const now = deps.now ?? (() => new Date());
  const settings = await parcelSettings(db);
  const start = await db.transaction('rw', [...parcelTables], async () => {
    const parcel = await db.parcels.get(parcelId);
    if (!parcel || parcel.status !== 'stored') return { ok: false as const, reason: 'not-waiting' as const };
    if (parcel.location.kind === 'shelf') return { ok: false as const, reason: 'shelf' as const };
    const feeDueFen = overdueFee(parcel, now(), settings).feeDueFen;
    if (feeDueFen > 0) return { ok: false as const, reason: 'fee-due' as const, feeDueFen };
    const detail: DoorEffectDetail = {
      purpose: 'pickup',
      compartmentId: parcel.location.compartmentId,
      parcelId,
      method: deps.method,
      ...(deps.operatorId ? { operatorId: deps.operatorId } : {}),
    };
    const effect = newDoorEffect(detail, now());
    await db.sideEffects.add(effect);
    await moveParcel(db, parcelId, { type: 'open' });
    return { ok: true as const, effect, detail };
  });
  if (!start.ok) return start;
  const { effect, detail } = start;

  deps.onProgress?.({ step: 'opening' });
  const opened = await api.invoke('locker.open', { compartmentId: detail.compartmentId });
  if (!opened.ok) {
    const code = opened.error.code;
    await db.transaction('rw', [...parcelTables], async () => {
      await moveParcel(db, parcelId, { type: 'open-failed' });
      await db.sideEffects.update(effect.id, { status: 'failed' });
      await auditDoorOpen(db, detail, code, now);
      if (takesOutOfService(code)) await markFaulty(db, detail.compartmentId, code, now());
      await alertOperator(db, { kind: 'door-fault', compartmentId: detail.compartmentId, parcelId }, now());
    });
    return { ok: false, reason: 'door-fault', code, message: opened.error.message };
  }
  await db.transaction('rw', [...parcelTables], async () => {
    await db.sideEffects.update(effect.id, { detail: { ...detail, opened: true } });
    await auditDoorOpen(db, detail, 'opened', now);
  });

  const closed = await waitDoorClosed(api, detail.compartmentId, {
    ...(deps.signal ? { signal: deps.signal } : {}),
    onProgress: (wait) => deps.onProgress?.({ step: 'take-and-close', wait }),
  });
  if (!closed.closed) return { ok: false, reason: 'abandoned' };
  const parcel = await markCollected(db, parcelId, effect.id, deps.method, deps.operatorId, now);
  return { ok: true, parcel };
}

/** opening → collected with its event row, `parcel.collected` outbox entry, and the side effect settled. */
export async function markCollected(
  db: KioskDb,
  parcelId: string,
  effectId: string | undefined,
  method: 'code' | 'operator',
  operatorId: string | undefined,
  now: () => Date,
): Promise<ParcelRow> {
  const payload = mutationSchemas['parcel.collected'].parse({
    parcelId,
    method,
    ...(operatorId ? { operatorId } : {}),
  });
  let row: ParcelRow | undefined;
  await recordParcelEvent(
    db,
    { parcelId, type: 'collected', method, ...(operatorId ? { operatorId } : {}) },
    { type: 'parcel.collected', payload },
    async () => {
      const at = now().toISOString();
      row = await moveParcel(
        db,
        parcelId,
        { type: 'collected' },
        { collectedAt: at, collectMethod: method, ...(operatorId ? { collectedBy: operatorId } : {}) },
      );
      if (effectId) await db.sideEffects.update(effectId, { status: 'done' });
    },
    now,
  );
  return row!;
}

/**
 * A shelf parcel handed over by the operator after the villager showed the code (method 'code') or
 * after an ID check (method 'operator'): stored → collected, audited with the operator id.
 */
export async function handOverShelfParcel(
  db: KioskDb,
  parcelId: string,
  operatorId: string,
  method: 'code' | 'operator',
  now: () => Date = () => new Date(),
): Promise<ParcelRow> {
  const payload = mutationSchemas['parcel.collected'].parse({ parcelId, method, operatorId });
  let row: ParcelRow | undefined;
  await recordParcelEvent(
    db,
    { parcelId, type: 'collected', method, operatorId },
    { type: 'parcel.collected', payload },
    async () => {
      const at = now().toISOString();
      row = await moveParcel(
        db,
        parcelId,
        { type: 'released' },
        { collectedAt: at, collectMethod: method, collectedBy: operatorId },
      );
      await recordAudit(
        db,
        { kind: 'parcel.handover', operatorId, detail: { parcelId, method, shelf: true } },
        now,
      );
    },
    now,
  );
  return row!;
}

const SHELF_VERIFIED_KEY = 'parcels.shelfVerified';
/** A code shown at the kiosk stays good for the counter this long. */
export const SHELF_VERIFIED_MS = 30 * 60_000;

/**
 * A villager's code matched a shelf parcel: the kiosk shows the shelf code, and the operator's desk
 * lists the parcel for hand-over (method 'code') for the next 30 minutes.
 */
export async function markShelfVerified(
  db: KioskDb,
  parcelId: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const v = (await db.meta.get(SHELF_VERIFIED_KEY))?.value;
    const list = (Array.isArray(v) ? (v as { parcelId: string; at: number }[]) : []).filter(
      (e) => e.parcelId !== parcelId && now.getTime() - e.at < SHELF_VERIFIED_MS,
    );
    await db.meta.put({ key: SHELF_VERIFIED_KEY, value: [...list, { parcelId, at: now.getTime() }] });
  });
}

/** Shelf parcels whose code was shown at the kiosk in the last 30 minutes and that still wait. */
export async function verifiedShelfParcels(db: KioskDb, now: Date = new Date()): Promise<ParcelRow[]> {
  const v = (await db.meta.get(SHELF_VERIFIED_KEY))?.value;
  const recent = (Array.isArray(v) ? (v as { parcelId: string; at: number }[]) : []).filter(
    (e) => e.at <= now.getTime() && now.getTime() - e.at < SHELF_VERIFIED_MS,
  );
  const rows = await db.parcels.bulkGet(recent.map((e) => e.parcelId));
  return rows.filter((p): p is ParcelRow => p?.status === 'stored' && p.location.kind === 'shelf');
}

/** Waiting parcels whose phone ends with these four digits (lost-code fallback, after an ID check). */
export async function parcelsByPhoneTail(db: KioskDb, last4: string): Promise<ParcelRow[]> {
  if (!/^\d{4}$/.test(last4)) return [];
  const rows = await db.parcels.where('status').equals('stored').toArray();
  return rows.filter((p) => p.phone.endsWith(last4)).sort((a, b) => a.storedAt.localeCompare(b.storedAt));
}

/**
 * Lost code (忘记取件码): the operator checked the villager's ID and the phone's last four digits,
 * then releases the parcel. The release is audited with the operator id before anything opens; a
 * locker parcel then opens like a pickup (method 'operator'), a shelf parcel is handed over.
 */
export async function releaseByOperator(
  db: KioskDb,
  api: KioskTransport,
  parcelId: string,
  check: { operatorId: string; phoneLast4: string; idChecked: boolean },
  deps: Omit<PickupDeps, 'method' | 'operatorId'> = {},
): Promise<OpenForPickupResult | { ok: false; reason: 'phone-mismatch' | 'id-not-checked' }> {
  const now = deps.now ?? (() => new Date());
  if (!check.idChecked) return { ok: false, reason: 'id-not-checked' };
  const parcel = await db.parcels.get(parcelId);
  if (!parcel || parcel.status !== 'stored') return { ok: false, reason: 'not-waiting' };
  if (!/^\d{4}$/.test(check.phoneLast4) || !parcel.phone.endsWith(check.phoneLast4)) {
    return { ok: false, reason: 'phone-mismatch' };
  }
  await recordAudit(
    db,
    {
      kind: 'parcel.release',
      operatorId: check.operatorId,
      detail: { parcelId, waybill: parcel.waybill, idChecked: true, phoneLast4: check.phoneLast4 },
    },
    now,
  );
  if (parcel.location.kind === 'shelf') {
    return { ok: true, parcel: await handOverShelfParcel(db, parcelId, check.operatorId, 'operator', now) };
  }
  return openForPickup(db, api, parcelId, { ...deps, method: 'operator', operatorId: check.operatorId });
}
