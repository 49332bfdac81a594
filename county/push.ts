/**
 * Exactly-once application of kiosk mutations (ARCHITECTURE.md §5, push). Used by the push route and
 * by the import of a kiosk's offline export file, so both obey the same rule.
 *
 * Invariants:
 * - A mutation's mutation_log row, its domain rows and its change feed rows commit together or not at
 *   all. A crash leaves a mutation applied-and-logged or neither, and the kiosk's resend then finds
 *   it in the log or applies it. Mutations are applied in transactions of up to CHUNK mutations,
 *   each mutation inside its own savepoint: one commit (one WAL flush) per chunk instead of per
 *   mutation, and at most CHUNK subtransactions, below PostgreSQL's 64 cached per backend (past
 *   that, every snapshot on the server gets slower). The ack is sent only after every chunk of the
 *   request committed.
 * - The log's primary key (device_id, mutation_id) never expires. The log row is inserted FIRST with
 *   ON CONFLICT DO NOTHING: a second push of the same mutation, even one running at the same moment on
 *   another instance, waits on that key and then sees the first one's outcome, never applying twice.
 * - A resend gets the first answer again: 'duplicate' with the stored result if it was applied, or
 *   'rejected' with the stored reason (the kiosk must still learn why, e.g. after losing the ack).
 * - A mutation that fails validation or a domain rule is rejected (kept, with the reason) and never
 *   stops the others; the handler's partial writes are undone by a savepoint. Only infrastructure
 *   failures (database gone, serialization) abort the request, and a retry is then safe.
 * - Mutations are applied in the device's `seq` order, whatever order the batch lists them in, so
 *   two pushes of overlapping batches take their log-row locks in the same order.
 * - Mutations already in the log are answered from one read before any transaction: a kiosk that
 *   resends a whole batch after a lost answer costs one query.
 */
import type { Logger } from '../common/logger';
import { parseMutation, type Ack, type MutationEnvelope } from '../sync/protocol';
import type { Db, Queryable } from './db';
import { applyMutation } from './apply-mutation';
import { Rejection, type MutationDevice } from './mutation-context';
import { recordSecurityEvent } from './security';

export type MutationSource = 'push' | 'import';

/** A module logger or a request's (Fastify's logger type is pino's, minus the generics). */
type PushLogger = Pick<Logger, 'info' | 'warn'>;

interface Outcome {
  status: 'applied' | 'rejected';
  reason?: string;
  result?: unknown;
}

/**
 * PostgreSQL errors that are the mutation's fault rather than the server's: data exceptions (22…,
 * e.g. a date PostgreSQL cannot store) and integrity violations (23…). Retrying would fail forever,
 * so they reject the mutation instead of failing the request.
 */
function dataErrorReason(err: unknown): string | null {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^2[23]/.test(code)) {
    return `数据不被接受 / the county cannot store this record: ${(err as Error).message}`;
  }
  return null;
}

async function applyOne(
  tx: Queryable,
  device: MutationDevice,
  env: MutationEnvelope,
  logger: PushLogger,
): Promise<Outcome> {
  const parsed = parseMutation(env);
  if (!parsed.ok) return { status: 'rejected', reason: parsed.reason };
  await tx.query('SAVEPOINT apply_mutation');
  try {
    const result = await applyMutation({ tx, device, mutationId: env.id, at: env.at }, parsed.mutation);
    await tx.query('RELEASE SAVEPOINT apply_mutation');
    return { status: 'applied', result };
  } catch (err) {
    const reason = err instanceof Rejection ? err.message : dataErrorReason(err);
    if (reason === null) throw err;
    await tx.query('ROLLBACK TO SAVEPOINT apply_mutation');
    if (err instanceof Rejection && err.forbidden) {
      logger.warn(
        { deviceId: device.id, mutationId: env.id, type: env.type, reason },
        'mutation reached for another village',
      );
      await recordSecurityEvent(tx, {
        kind: 'forbidden',
        countyId: device.countyId,
        villageId: device.villageId,
        deviceId: device.id,
        detail: { mutationId: env.id, type: env.type, reason },
      });
    }
    return { status: 'rejected', reason };
  }
}

/** Device times outside this range are a broken clock or a broken kiosk, not a date to store. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/**
 * Envelope values the log itself could not store (PostgreSQL would fail the whole transaction, and
 * the kiosk would resend the batch forever). Such a mutation is logged as rejected with safe values.
 */
function unstorable(env: MutationEnvelope): string | null {
  if (!Number.isSafeInteger(env.seq)) return `seq ${env.seq} 超出范围 / seq out of range`;
  const at = Date.parse(env.at);
  if (!(at >= EARLIEST && at < LATEST)) return `设备时间 ${env.at} 不可信 / device time out of range`;
  return null;
}

/** Mutations per transaction: below the 64 subtransactions PostgreSQL caches per backend. */
export const CHUNK = 50;

function answer(
  first: { status: 'applied' | 'rejected'; reason: string | null; result: unknown },
  id: string,
): Ack {
  return first.status === 'applied'
    ? { id, status: 'duplicate', ...(first.result != null ? { result: first.result } : {}) }
    : { id, status: 'rejected', reason: first.reason ?? '' };
}

async function pushOne(
  tx: Queryable,
  device: MutationDevice,
  env: MutationEnvelope,
  source: MutationSource,
  logger: PushLogger,
): Promise<Ack> {
  const broken = unstorable(env);
  const claimed = await tx.query(
    `INSERT INTO mutation_log
         (device_id, mutation_id, county_id, village_id, seq, type, device_at, source, status, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'applied', $9::jsonb)
       ON CONFLICT (device_id, mutation_id) DO NOTHING RETURNING 1`,
    [
      device.id,
      env.id,
      device.countyId,
      device.villageId,
      broken === null ? env.seq : 0,
      env.type,
      broken === null ? env.at : new Date(EARLIEST),
      source,
      JSON.stringify(env.payload ?? null),
    ],
  );
  if (claimed.length === 0) {
    const [first] = await tx.query<{
      status: 'applied' | 'rejected';
      reason: string | null;
      result: unknown;
    }>('SELECT status, reason, result FROM mutation_log WHERE device_id = $1 AND mutation_id = $2', [
      device.id,
      env.id,
    ]);
    if (!first) throw new Error(`mutation ${env.id} conflicted but is not in the log`);
    return answer(first, env.id);
  }
  const outcome: Outcome =
    broken === null ? await applyOne(tx, device, env, logger) : { status: 'rejected', reason: broken };
  await tx.query(
    `UPDATE mutation_log SET status = $3, reason = $4, result = $5::jsonb
       WHERE device_id = $1 AND mutation_id = $2`,
    [
      device.id,
      env.id,
      outcome.status,
      outcome.reason ?? null,
      outcome.result === undefined ? null : JSON.stringify(outcome.result),
    ],
  );
  return outcome.status === 'applied'
    ? { id: env.id, status: 'applied', ...(outcome.result !== undefined ? { result: outcome.result } : {}) }
    : { id: env.id, status: 'rejected', reason: outcome.reason ?? '' };
}

export interface PushSummary {
  applied: number;
  duplicate: number;
  rejected: number;
}

export function summarise(acks: readonly Ack[]): PushSummary {
  const summary = { applied: 0, duplicate: 0, rejected: 0 };
  for (const ack of acks) summary[ack.status] += 1;
  return summary;
}

/** Deadlocks and serialization failures are worth one more try: nothing of the chunk committed. */
const RETRYABLE = new Set(['40001', '40P01']);

async function inTransaction<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= 3 || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
    }
  }
}

/** Applies a batch in `seq` order; acks come back in that order. */
export async function pushMutations(
  db: Db,
  device: MutationDevice,
  mutations: readonly MutationEnvelope[],
  source: MutationSource,
  logger: PushLogger,
): Promise<Ack[]> {
  const ordered = [...mutations].sort((a, b) => a.seq - b.seq);
  const logged = new Map(
    (
      await db.query<{ id: string; status: 'applied' | 'rejected'; reason: string | null; result: unknown }>(
        `SELECT mutation_id AS id, status, reason, result FROM mutation_log
         WHERE device_id = $1 AND mutation_id = ANY($2::text[])`,
        [device.id, ordered.map((m) => m.id)],
      )
    ).map((row) => [row.id, row]),
  );
  const fresh = ordered.filter((m) => !logged.has(m.id));
  const applied = new Map<MutationEnvelope, Ack>();
  for (let start = 0; start < fresh.length; start += CHUNK) {
    const chunk = fresh.slice(start, start + CHUNK);
    const acks = await inTransaction(db, async (tx) => {
      const out: Ack[] = [];
      for (const env of chunk) out.push(await pushOne(tx, device, env, source, logger));
      return out;
    });
    chunk.forEach((env, i) => applied.set(env, acks[i]!));
  }
  const acks = ordered.map((env) => applied.get(env) ?? answer(logged.get(env.id)!, env.id));
  const summary = summarise(acks);
  if (summary.rejected > 0 || summary.applied > 0) {
    logger.info({ deviceId: device.id, source, ...summary }, 'mutations pushed');
  }
  return acks;
}
