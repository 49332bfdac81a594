/**
 * The sync engine's own state, kept in `meta` so it survives a reload or a power cut: the pull cursor,
 * the last success and last error the operator sees, and who the county says this device is.
 *
 * Invariant: the cursor is written only by `applyPullPage` (pull-store.ts), in the transaction that
 * applied the changes it covers — never on its own — and reset only together with the data it covers.
 */
import type { SyncError } from '../../sync/errors';
import type { DeviceIdentity } from '../../sync/transport';
import type { KioskDb } from './db';

export const SYNC_KEYS = {
  cursor: 'sync.cursor',
  lastSuccessAt: 'sync.lastSuccessAt',
  lastError: 'sync.lastError',
  device: 'sync.device',
} as const;

export type { DeviceIdentity };

export interface StoredError {
  code: SyncError['code'];
  message: string;
  at: number; // device time, display only
}

export interface SyncState {
  cursor: string;
  lastSuccessAt?: number;
  lastError?: StoredError;
  device?: DeviceIdentity;
}

export async function readSyncState(db: KioskDb): Promise<SyncState> {
  const rows = await db.meta.bulkGet(Object.values(SYNC_KEYS));
  const value = (key: string) => rows.find((r) => r?.key === key)?.value;
  const cursor = value(SYNC_KEYS.cursor);
  const lastSuccessAt = value(SYNC_KEYS.lastSuccessAt);
  return {
    cursor: typeof cursor === 'string' ? cursor : '0',
    ...(typeof lastSuccessAt === 'number' && { lastSuccessAt }),
    ...(isStoredError(value(SYNC_KEYS.lastError)) && {
      lastError: value(SYNC_KEYS.lastError) as StoredError,
    }),
    ...(isIdentity(value(SYNC_KEYS.device)) && { device: value(SYNC_KEYS.device) as DeviceIdentity }),
  };
}

export const readCursor = async (db: KioskDb): Promise<string> => {
  const v = (await db.meta.get(SYNC_KEYS.cursor))?.value;
  return typeof v === 'string' ? v : '0';
};

/** What the operator's status shows, read in one go; `lastSeq` grows only when rows are added. */
export async function readCounts(
  db: KioskDb,
): Promise<{ pending: number; rejected: number; cursor: string; lastSeq: number }> {
  return db.transaction('r', [db.outbox, db.rejected, db.meta], async () => ({
    pending: await db.outbox.count(),
    rejected: await db.rejected.count(),
    cursor: await readCursor(db),
    lastSeq: (await db.outbox.orderBy('seq').last())?.seq ?? 0,
  }));
}

/** A cycle ended well: remember when (for the operator) and clear the last error. */
export async function recordSyncSuccess(db: KioskDb, at: number): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: SYNC_KEYS.lastSuccessAt, value: at });
    await db.meta.delete(SYNC_KEYS.lastError);
  });
}

export async function recordSyncError(db: KioskDb, error: StoredError): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.lastError, value: error });
}

/**
 * Stores who the county says this device is. If the village changed (the terminal was enrolled again
 * for another village), what was pulled belongs to the old village: it is cleared and the cursor reset
 * in the same transaction, so the next pull starts over and never mixes two villages.
 */
export async function saveIdentity(
  db: KioskDb,
  identity: DeviceIdentity,
): Promise<{ villageChanged: boolean }> {
  return db.transaction('rw', [db.meta, ...pulledTables(db)], async () => {
    const before = (await db.meta.get(SYNC_KEYS.device))?.value;
    const villageChanged = isIdentity(before) && before.villageId !== identity.villageId;
    if (villageChanged) {
      await Promise.all(pulledTables(db).map((t) => t.clear()));
      await db.meta.put({ key: SYNC_KEYS.cursor, value: '0' });
    }
    await db.meta.put({
      key: SYNC_KEYS.device,
      value: { deviceId: identity.deviceId, villageId: identity.villageId },
    });
    return { villageChanged };
  });
}

export const pulledTables = (db: KioskDb) => [
  db.categories,
  db.catalogue,
  db.notices,
  db.parcelManifests,
  db.orderStatus,
  db.requestStatus,
  db.traceRecords,
  db.villageSettings,
  // Accounts belong to one village: a terminal enrolled again for another village drops them.
  db.operatorAccounts,
  // Delivery notes too (what was received stays: deliveryReceipts and stock are the point's own).
  db.deliveryNotes,
];

function isIdentity(v: unknown): v is DeviceIdentity {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as DeviceIdentity).deviceId === 'string' &&
    typeof (v as DeviceIdentity).villageId === 'string'
  );
}

function isStoredError(v: unknown): v is StoredError {
  return typeof v === 'object' && v !== null && typeof (v as StoredError).code === 'string';
}
