/**
 * The outbox as the sync engine sees it: oldest first by per-device `seq` (never by device time), and
 * settled by the county's acks.
 *
 * Invariant: an outbox row is deleted only inside the transaction that records its ack. A crash
 * between the POST and that commit leaves the row in place, so it is sent again — and the county,
 * which applies each (device, mutation id) at most once forever, answers 'duplicate'.
 * A rejected mutation moves to `rejected` with its reason in that same transaction: never dropped.
 */
import Dexie from 'dexie';
import type { Ack } from '../../sync/protocol';
import type { KioskDb, OutboxEntry, RejectedEntry } from './db';

export const oldestPending = (db: KioskDb, limit: number): Promise<OutboxEntry[]> =>
  db.outbox.orderBy('seq').limit(limit).toArray();

/** Everything not yet acknowledged, in seq order: what a USB-stick export carries. */
export const unsyncedMutations = (db: KioskDb): Promise<OutboxEntry[]> => db.outbox.orderBy('seq').toArray();

export const rejectedCount = (db: KioskDb): Promise<number> => db.rejected.count();
export const listRejected = (db: KioskDb): Promise<RejectedEntry[]> => db.rejected.orderBy('seq').toArray();

export interface AckOutcome {
  applied: number;
  duplicate: number;
  rejected: number;
  /** Acks naming a mutation that was not in the batch (or no longer in the outbox): ignored. */
  ignored: number;
}

export async function applyAcks(
  db: KioskDb,
  sent: readonly OutboxEntry[],
  acks: readonly Ack[],
  when: { rejectedAt: string; serverTime?: string },
): Promise<AckOutcome> {
  const inBatch = new Set(sent.map((e) => e.id));
  const outcome: AckOutcome = { applied: 0, duplicate: 0, rejected: 0, ignored: 0 };
  await db.transaction('rw', db.outbox, db.rejected, async () => {
    const seen = new Set<string>();
    for (const ack of acks) {
      if (!inBatch.has(ack.id) || seen.has(ack.id)) {
        outcome.ignored++;
        continue;
      }
      seen.add(ack.id);
      const entry = await db.outbox.get(ack.id);
      if (!entry) {
        outcome.ignored++;
        continue;
      }
      if (ack.status === 'rejected') {
        await db.rejected.put(rejectedEntry(entry, ack.reason ?? '县中心未说明原因', 'county', when));
      }
      await db.outbox.delete(ack.id);
      outcome[ack.status]++;
    }
  });
  return outcome;
}

/**
 * For mutations whose envelope no county speaking this protocol could accept (the schema says so):
 * sending them would fail their whole batch forever. They are kept, with the reason, like a rejection.
 */
export async function rejectLocally(
  db: KioskDb,
  entries: readonly { entry: OutboxEntry; reason: string }[],
  rejectedAt: string,
): Promise<void> {
  await db.transaction('rw', db.outbox, db.rejected, async () => {
    for (const { entry, reason } of entries) {
      await db.rejected.put(rejectedEntry(entry, reason, 'kiosk', { rejectedAt }));
      await db.outbox.delete(entry.id);
    }
  });
}

function rejectedEntry(
  entry: OutboxEntry,
  reason: string,
  source: RejectedEntry['source'],
  when: { rejectedAt: string; serverTime?: string },
): RejectedEntry {
  return {
    ...entry,
    reason,
    source,
    rejectedAt: when.rejectedAt,
    ...(when.serverTime !== undefined && { serverTime: when.serverTime }),
  };
}

/**
 * Calls `fn` after any committed change to the outbox — from this window or, through Dexie's
 * cross-window broadcast, another one — so new rows wake the sync loop without the caller knowing it.
 */
export function watchOutbox(db: KioskDb, fn: () => void): () => void {
  const prefix = `idb://${db.name}/${db.outbox.name}/`;
  const listener = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((part) => part.startsWith(prefix))) fn();
  };
  Dexie.on.storagemutated.subscribe(listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}
