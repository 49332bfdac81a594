/**
 * One sync cycle's two phases, run by the engine while it holds the sync lock.
 *
 * Push: the outbox oldest-first by seq, in batches; each answer's acks are applied in one transaction
 * (push-store.ts), and a row leaves the outbox only there. Pull: pages from the stored cursor; each
 * page and the cursor after it are one transaction (pull-store.ts); a page that fails the protocol is
 * refused whole.
 */
import type { KioskDb, OutboxEntry } from '../app/store/db';
import { applyPullPage, compareCursor } from '../app/store/pull-store';
import { applyAcks, oldestPending, rejectLocally } from '../app/store/push-store';
import { readCursor } from '../app/store/sync-state';
import { syncError, type SyncError } from './errors';
import type { PushTotals, SyncClock, SyncLogger } from './engine-types';
import type { BatchSizer } from './pacing';
import {
  entitySchemas,
  mutationEnvelopeSchema,
  parseChange,
  type Change,
  type MutationEnvelope,
  type PullResponse,
} from './protocol';
import type { DeviceIdentity, SyncTransport } from './transport';

export interface PhaseDeps {
  db: KioskDb;
  transport: SyncTransport;
  clock: SyncClock;
  logger: SyncLogger;
  stopped: () => boolean;
  /** After each batch or page is committed: the engine refreshes the operator's counts. */
  progress: () => void;
}

/** `requests` counts answers received: a cycle that received none never reached the county. */
export type PhaseResult<T> =
  { ok: true; totals: T; requests: number } | { ok: false; error: SyncError; totals: T; requests: number };

const isLinkFailure = (e: SyncError) => e.code === 'OFFLINE' || e.code === 'TIMEOUT';
const iso = (ms: number) => new Date(ms).toISOString();

export const toEnvelope = (e: OutboxEntry): MutationEnvelope => ({
  id: e.id,
  seq: e.seq,
  type: e.type,
  at: e.at,
  payload: e.payload,
});

export async function pushPhase(
  d: PhaseDeps,
  device: DeviceIdentity,
  sizer: BatchSizer,
): Promise<PhaseResult<PushTotals>> {
  const totals: PushTotals = { applied: 0, duplicate: 0, rejected: 0 };
  let requests = 0;
  const fail = (error: SyncError) => ({ ok: false as const, error, totals, requests });
  while (!d.stopped()) {
    const batch = await oldestPending(d.db, sizer.size);
    if (batch.length === 0) break;

    // An envelope the protocol schema refuses would fail its whole batch at the county, forever.
    const invalid = batch.flatMap((entry) => {
      const r = mutationEnvelopeSchema.safeParse(toEnvelope(entry));
      return r.success
        ? []
        : [{ entry, reason: `记录格式无效 / invalid envelope: ${r.error.issues[0]?.message}` }];
    });
    if (invalid.length > 0) {
      d.logger.warn(
        { ids: invalid.map((i) => i.entry.id) },
        'outbox rows with invalid envelopes kept as rejected',
      );
      await rejectLocally(d.db, invalid, iso(d.clock.now()));
      totals.rejected += invalid.length;
      d.progress();
      continue;
    }

    const started = d.clock.now();
    const res = await d.transport.push({ deviceId: device.deviceId, mutations: batch.map(toEnvelope) });
    const elapsed = d.clock.now() - started;
    if (!res.ok) {
      if (res.error.code === 'PAYLOAD_TOO_LARGE' && batch.length > 1) {
        sizer.tooLarge(batch.length); // halve and go again at once: this is not the link failing
        continue;
      }
      if (isLinkFailure(res.error)) sizer.failed();
      return fail(res.error);
    }
    requests++;
    sizer.observe(batch.length, elapsed);

    // The rows leave the outbox here, in the transaction that records their acks — not before.
    const outcome = await applyAcks(d.db, batch, res.value.acks, {
      rejectedAt: iso(d.clock.now()),
      serverTime: res.value.serverTime,
    });
    totals.applied += outcome.applied;
    totals.duplicate += outcome.duplicate;
    totals.rejected += outcome.rejected;
    d.logger.debug({ sent: batch.length, ms: elapsed, ...outcome, nextBatch: sizer.size }, 'pushed');
    d.progress();
    if (outcome.applied + outcome.duplicate + outcome.rejected === 0) {
      // Looping would resend the same batch forever.
      return fail(syncError('MALFORMED', `no ack for any of ${batch.length} mutations sent`));
    }
  }
  return { ok: true, totals, requests };
}

export async function pullPhase(
  d: PhaseDeps,
  sizer: BatchSizer,
): Promise<PhaseResult<{ pulled: number; skipped: number }>> {
  const totals = { pulled: 0, skipped: 0 };
  let requests = 0;
  const fail = (error: SyncError) => ({ ok: false as const, error, totals, requests });
  let cursor = await readCursor(d.db);
  while (!d.stopped()) {
    const started = d.clock.now();
    const res = await d.transport.pull({ cursor, limit: sizer.size });
    const elapsed = d.clock.now() - started;
    if (!res.ok) {
      if (isLinkFailure(res.error)) sizer.failed();
      return fail(res.error);
    }
    requests++;
    const page = checkPage(cursor, res.value, d.logger);
    if (!page.ok) return fail(page.error);
    sizer.observe(res.value.changes.length, elapsed);

    const applied = await applyPullPage(d.db, { from: cursor, to: res.value.cursor, changes: page.changes });
    if (!applied.ok) {
      // Someone else (another window, a replayed answer) moved the cursor: nothing was applied; the
      // next cycle continues from the stored cursor.
      d.logger.info({ asked: cursor, stored: applied.stored }, 'cursor moved under the pull: page dropped');
      break;
    }
    totals.pulled += page.changes.length;
    totals.skipped += page.skipped;
    d.progress();
    if (!res.value.hasMore) break;
    if (res.value.cursor === cursor) return fail(syncError('MALFORMED', 'hasMore without moving the cursor'));
    cursor = res.value.cursor;
  }
  return { ok: true, totals, requests };
}

/**
 * Validates a page against the protocol before anything is written. Unknown entity types are skipped
 * (a newer county may publish more than this kiosk knows) and logged; a known entity that fails its
 * schema, or a cursor that goes backwards, refuses the whole page.
 */
export function checkPage(
  from: string,
  page: PullResponse,
  logger: SyncLogger,
): { ok: true; changes: Change[]; skipped: number } | { ok: false; error: SyncError } {
  if (compareCursor(page.cursor, from) < 0) {
    return { ok: false, error: syncError('MALFORMED', `cursor went back from ${from} to ${page.cursor}`) };
  }
  const changes: Change[] = [];
  const unknown = new Map<string, number>();
  for (const envelope of page.changes) {
    if (!Object.prototype.hasOwnProperty.call(entitySchemas, envelope.entity)) {
      unknown.set(envelope.entity, (unknown.get(envelope.entity) ?? 0) + 1);
      continue;
    }
    const parsed = parseChange(envelope);
    if (!parsed.ok) {
      return {
        ok: false,
        error: syncError('MALFORMED', `${envelope.entity} ${envelope.id}: ${parsed.reason}`),
      };
    }
    changes.push(parsed.change);
  }
  let skipped = 0;
  for (const [entity, count] of unknown) {
    logger.info({ entity, count }, 'skipped changes of an entity type this kiosk does not know');
    skipped += count;
  }
  return { ok: true, changes, skipped };
}
