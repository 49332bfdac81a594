/**
 * Applying what the county publishes (ARCHITECTURE.md §5, pull).
 *
 * Invariants:
 * - A page's changes and the cursor after them are written in ONE transaction: an interrupted pull
 *   resumes exactly where the last committed page ended, nothing applied twice or skipped.
 * - The transaction first checks that the stored cursor is still the one the page was asked from; if
 *   not (another window, or a replayed answer), it applies nothing.
 * - A row is never overwritten by a change older than the one that wrote it (`version`).
 */
import type { Table } from 'dexie';
import { assertNever } from '../../sync/errors';
import type { Change, EntityType } from '../../sync/protocol';
import type { CatalogueRow, KioskDb } from './db';
import { searchTerms } from './search-terms';
import { SYNC_KEYS, pulledTables, readCursor } from './sync-state';

export interface PullPage {
  /** The cursor the page was asked from. */
  from: string;
  /** The cursor the county returned with it. */
  to: string;
  /** Already validated with the protocol schemas; unknown entities already left out. */
  changes: Change[];
}

export type PageApplyResult =
  { ok: true; applied: number; stale: number } | { ok: false; reason: 'cursor-moved'; stored: string };

/** Compares two feed positions (decimal strings that may pass 2^53). */
export const compareCursor = (a: string, b: string): number => {
  const d = BigInt(a) - BigInt(b);
  return d === 0n ? 0 : d > 0n ? 1 : -1;
};

interface Versioned {
  id: string;
  version: string;
}

function tableFor(db: KioskDb, entity: EntityType): Table<Versioned, string> {
  switch (entity) {
    case 'category':
      return db.table<Versioned, string>(db.categories.name);
    case 'catalogue_item':
      return db.table<Versioned, string>(db.catalogue.name);
    case 'notice':
      return db.table<Versioned, string>(db.notices.name);
    case 'parcel_manifest':
      return db.table<Versioned, string>(db.parcelManifests.name);
    case 'order_status':
      return db.table<Versioned, string>(db.orderStatus.name);
    case 'request_status':
      return db.table<Versioned, string>(db.requestStatus.name);
    case 'trace_record':
      return db.table<Versioned, string>(db.traceRecords.name);
    case 'village_settings':
      return db.table<Versioned, string>(db.villageSettings.name);
    case 'operator_account':
      return db.table<Versioned, string>(db.operatorAccounts.name);
    case 'delivery_note':
      return db.table<Versioned, string>(db.deliveryNotes.name);
    default:
      return assertNever(entity);
  }
}

/** The row as stored: the change id is the key (a delete carries nothing else); catalogue gets its terms. */
function rowOf(change: Extract<Change, { op: 'upsert' }>): Versioned {
  const key = { id: change.id, version: change.version };
  if (change.entity === 'catalogue_item') {
    const row: CatalogueRow = { ...change.data, ...key, terms: searchTerms(change.data) };
    return row;
  }
  return { ...change.data, ...key };
}

export async function applyPullPage(db: KioskDb, page: PullPage): Promise<PageApplyResult> {
  const tables = [db.meta, ...pulledTables(db)];
  return db.transaction('rw', tables, async (): Promise<PageApplyResult> => {
    const stored = await readCursor(db);
    if (stored !== page.from) return { ok: false, reason: 'cursor-moved', stored };

    // Within a page the last change to an id wins; group by table so each table is one bulk call.
    const byTable = new Map<Table<Versioned, string>, Map<string, Change>>();
    for (const change of page.changes) {
      const table = tableFor(db, change.entity);
      const forTable = byTable.get(table) ?? new Map<string, Change>();
      forTable.delete(change.id); // keep feed order when an id repeats
      forTable.set(change.id, change);
      byTable.set(table, forTable);
    }

    let applied = 0;
    let stale = 0;
    for (const [table, changes] of byTable) {
      const ids = [...changes.keys()];
      const existing = await table.bulkGet(ids);
      const puts: Versioned[] = [];
      const deletes: string[] = [];
      ids.forEach((id, i) => {
        const change = changes.get(id)!;
        const have = existing[i];
        if (have && compareCursor(have.version, change.version) > 0) {
          stale++;
          return;
        }
        applied++;
        if (change.op === 'delete') deletes.push(id);
        else puts.push(rowOf(change));
      });
      if (puts.length) await table.bulkPut(puts);
      if (deletes.length) await table.bulkDelete(deletes);
    }
    await db.meta.put({ key: SYNC_KEYS.cursor, value: page.to });
    return { ok: true, applied, stale };
  });
}

// Reads for the screens.
export const notices = (db: KioskDb) => db.notices.orderBy('publishedAt').reverse().toArray();
export const orderStatusOf = (db: KioskDb, orderId: string) =>
  db.orderStatus.where('orderId').equals(orderId).first();
export const requestStatusOf = (db: KioskDb, kind: string, requestId: string) =>
  db.requestStatus.where('[kind+requestId]').equals([kind, requestId]).first();
export const parcelManifestsFor = (db: KioskDb, phone: string) =>
  db.parcelManifests.where('phone').equals(phone).toArray();
export const traceRecord = (db: KioskDb, code: string) => db.traceRecords.where('code').equals(code).first();
export const villageSettings = (db: KioskDb) => db.villageSettings.toCollection().first();
