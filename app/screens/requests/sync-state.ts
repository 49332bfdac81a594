import type { KioskDb } from '../../store/db';

export type SyncState = 'queued' | 'sent' | 'refused';

/**
 * Where a request's mutation stands: still in the outbox (queued), refused by the county and kept
 * (refused), or gone from both (acknowledged; push-store deletes only after the ack is committed).
 */
export const syncStateOf = (db: KioskDb, mutationId: string): Promise<SyncState> =>
  db.transaction('r', [db.outbox, db.rejected], async () => {
    if (await db.outbox.get(mutationId)) return 'queued';
    if (await db.rejected.get(mutationId)) return 'refused';
    return 'sent';
  });

/** The sync state of many mutations in one read (for lists). */
export async function syncStates(db: KioskDb, mutationIds: string[]): Promise<Map<string, SyncState>> {
  return db.transaction('r', [db.outbox, db.rejected], async () => {
    const [queued, refused] = await Promise.all([
      db.outbox.bulkGet(mutationIds),
      db.rejected.bulkGet(mutationIds),
    ]);
    return new Map(
      mutationIds.map((id, i) => [id, queued[i] ? 'queued' : refused[i] ? 'refused' : 'sent'] as const),
    );
  });
}
