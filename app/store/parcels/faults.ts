/**
 * What the operator must know about the locker bank, kept in `meta` so a reload keeps it:
 * compartments the kiosk took out of service after a fault (a jammed lock, a board that did not
 * answer) and alerts (a door that would not open for a villager, the keypad locked, a door left open
 * by an interrupted intake). The operator clears them on the parcels screen.
 */
import { ulid } from 'ulid';
import type { ErrorCode } from '../../../kiosk-shell/api';
import type { KioskDb } from '../db';

export const FAULTY_KEY = 'parcels.faultyCompartments';
export const ALERTS_KEY = 'parcels.alerts';

export interface CompartmentFault {
  compartmentId: string;
  code: ErrorCode;
  at: string;
}

export interface OperatorAlert {
  id: string;
  at: string;
  kind: 'door-fault' | 'keypad-locked' | 'check-compartment' | 'door-left-open';
  compartmentId?: string;
  parcelId?: string;
}

/** The hardware answers that mean "do not offer this compartment again until someone looks". */
export const takesOutOfService = (code: ErrorCode): boolean =>
  code === 'BOARD_SILENT' ||
  code === 'LOCK_JAMMED' ||
  code === 'DOOR_DID_NOT_OPEN' ||
  code === 'UNKNOWN_COMPARTMENT';

const list = async <T>(db: KioskDb, key: string): Promise<T[]> => {
  const v = (await db.meta.get(key))?.value;
  return Array.isArray(v) ? (v as T[]) : [];
};

export const faultyCompartments = (db: KioskDb): Promise<CompartmentFault[]> => list(db, FAULTY_KEY);

export async function faultySet(db: KioskDb): Promise<Set<string>> {
  return new Set((await faultyCompartments(db)).map((f) => f.compartmentId));
}

/** Joins the caller's transaction when it includes `meta`. */
export async function markFaulty(
  db: KioskDb,
  compartmentId: string,
  code: ErrorCode,
  at: Date,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const all = (await faultyCompartments(db)).filter((f) => f.compartmentId !== compartmentId);
    await db.meta.put({ key: FAULTY_KEY, value: [...all, { compartmentId, code, at: at.toISOString() }] });
  });
}

export async function clearFaulty(db: KioskDb, compartmentId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const all = (await faultyCompartments(db)).filter((f) => f.compartmentId !== compartmentId);
    await db.meta.put({ key: FAULTY_KEY, value: all });
  });
}

export const operatorAlerts = (db: KioskDb): Promise<OperatorAlert[]> => list(db, ALERTS_KEY);

export async function alertOperator(
  db: KioskDb,
  alert: Omit<OperatorAlert, 'id' | 'at'>,
  at: Date,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const all = await operatorAlerts(db);
    // The newest 50 are enough for one operator; older ones are in the audit log.
    const next = [...all, { ...alert, id: ulid(), at: at.toISOString() }].slice(-50);
    await db.meta.put({ key: ALERTS_KEY, value: next });
  });
}

export async function dismissAlert(db: KioskDb, id: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: ALERTS_KEY, value: (await operatorAlerts(db)).filter((a) => a.id !== id) });
  });
}
