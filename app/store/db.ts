/**
 * The kiosk's local database (Dexie on IndexedDB) — the only module that opens it.
 *
 * Invariants:
 * - Every action that must reach the county writes its domain row and its outbox row in ONE
 *   transaction (see `recordAction` in outbox.ts), so a power cut leaves both or neither.
 * - Durability is 'strict' for the whole database: Chromium then flushes to disk before it reports a
 *   commit, so an order the villager saw confirmed survives a power cut. The cost is one fsync per
 *   transaction, which is why bulk writes (catalogue sync) go in large transactions.
 * - Schema changes are new `this.version(n)` blocks with an upgrade function, never edits of old
 *   ones, and each has a test that upgrades real old data.
 */
import Dexie, { type EntityTable } from 'dexie';

/** A mutation waiting to reach the county (ARCHITECTURE.md §5). */
export interface OutboxEntry {
  id: string; // generated on the device (ULID)
  seq: number; // per-device sequence: device clocks in villages are wrong, so order by this
  type: string;
  at: string; // device time, for display only
  payload: unknown;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

/** A hardware side effect (door open, print) recorded before it happens, settled after. */
export interface SideEffect {
  id: string;
  kind: 'print' | 'door';
  status: 'pending' | 'done' | 'failed';
  createdAt: string;
  ref: string;
  detail?: unknown;
}

export const DB_NAME = 'village-kiosk';

export class KioskDb extends Dexie {
  outbox!: EntityTable<OutboxEntry, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  sideEffects!: EntityTable<SideEffect, 'id'>;

  constructor(
    name: string = DB_NAME,
    options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    super(name, { ...options, chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      outbox: '&id, &seq, type',
      meta: '&key',
      sideEffects: '&id, status, kind',
    });
  }
}

/**
 * Asks the browser not to evict our data under storage pressure. Chromium grants it to installed or
 * frequently used origins; the answer is shown to the operator together with the storage use.
 */
export async function requestPersistence(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<{ persisted: boolean; usage?: number; quota?: number }> {
  if (!storage?.persist) return { persisted: false };
  const persisted = (await storage.persisted?.()) || (await storage.persist());
  const estimate = await storage.estimate?.();
  return { persisted, usage: estimate?.usage, quota: estimate?.quota };
}
