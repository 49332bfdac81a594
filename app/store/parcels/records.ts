/**
 * Shared reads and the one write path for a parcel's status change after it was stored.
 *
 * Invariant: a status change goes through `transition` (state.ts) and is written with its event row
 * (parcelEvents) and its outbox mutation in ONE transaction (`recordAction`); the audit line, when
 * there is one, joins that transaction. A crash keeps all of them or none.
 */
import { ulid } from 'ulid';
import { auditTables } from '../audit';
import type { KioskDb } from '../db';
import { recordAction } from '../outbox';
import { newSalt } from './codes';
import { transition, isWaiting, type ParcelEvent } from './state';
import type { ParcelEventRow, ParcelRow, ParcelStatus } from './types';

/** Every table a parcel action may write; callers that wrap parcel calls in their own transaction include these. */
export const parcelTables = ['parcels', 'parcelEvents', 'sideEffects', ...auditTables] as const;

export const SALT_KEY = 'parcels.codeSalt';

/** The device's code salt, created on first use inside the caller's transaction (it must include meta). */
export async function codeSalt(db: KioskDb): Promise<string> {
  const row = await db.meta.get(SALT_KEY);
  if (typeof row?.value === 'string') return row.value;
  const salt = newSalt();
  await db.meta.put({ key: SALT_KEY, value: salt });
  return salt;
}

/** Parcels still at the point (stored or mid-open), oldest first. */
export async function waitingParcels(db: KioskDb): Promise<ParcelRow[]> {
  const rows = await db.parcels.where('status').anyOf('stored', 'opening').toArray();
  return rows.sort((a, b) => a.storedAt.localeCompare(b.storedAt));
}

/** Compartments that hold a waiting parcel: never offered for a new one. */
export async function heldCompartments(db: KioskDb): Promise<Set<string>> {
  const held = new Set<string>();
  for (const p of await waitingParcels(db))
    if (p.location.kind === 'locker') held.add(p.location.compartmentId);
  return held;
}

export class ParcelStateError extends Error {
  constructor(
    readonly parcelId: string,
    readonly status: ParcelStatus | 'missing',
    reason: string,
  ) {
    super(reason);
    this.name = 'ParcelStateError';
  }
}

/** Applies a transition to the row in the current transaction, or throws (aborting it). */
export async function moveParcel(
  db: KioskDb,
  id: string,
  event: ParcelEvent,
  patch: Partial<ParcelRow> = {},
) {
  const row = await db.parcels.get(id);
  if (!row) throw new ParcelStateError(id, 'missing', `no parcel ${id}`);
  const t = transition(row.status, event);
  if (!t.ok) throw new ParcelStateError(id, row.status, t.reason);
  const next: ParcelRow = { ...row, ...patch, status: t.status };
  await db.parcels.put(next);
  return next;
}

/**
 * Writes one event row with its outbox mutation (`type`/`payload`), and `also` in the same
 * transaction. The caller has checked the payload against the protocol schema.
 */
export async function recordParcelEvent(
  db: KioskDb,
  event: Omit<ParcelEventRow, 'id' | 'at'>,
  mutation: { type: string; payload: unknown } | undefined,
  also: () => Promise<void>,
  now: () => Date,
): Promise<ParcelEventRow> {
  const row: ParcelEventRow = { id: ulid(), at: now().toISOString(), ...event };
  if (!mutation) {
    await db.transaction('rw', [...parcelTables], async () => {
      await db.parcelEvents.add(row);
      await also();
    });
    return row;
  }
  await recordAction(db, {
    table: 'parcelEvents',
    row,
    type: mutation.type,
    payload: mutation.payload,
    now,
    also: { tables: [...parcelTables], write: also },
  });
  return row;
}

export { isWaiting };
