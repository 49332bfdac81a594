/**
 * What the four villager request services (代销, 缴费充值, 订票, 代换代退) share: checking a payload
 * with the protocol's own schema before anything is written, and reading the county's answer.
 *
 * The county answers each request with a `request_status` row for this village only; the feed
 * keys it `<kind>:<requestId>` (county/requests.ts), and the kiosk finds it through the
 * `[kind+requestId]` index, so the key shape is never relied on here.
 */
import Dexie from 'dexie';
import { mutationSchemas, type MutationPayload, type MutationType } from '../../sync/protocol';
import type { KioskDb, Pulled } from './db';

export type RequestKind = 'produce' | 'bill' | 'ticket' | 'return';
export type RequestStatusRow = Pulled<'request_status'>;

export type RequestError = { code: 'INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'STORAGE'; message: string };
export type RequestResult<T> = { ok: true; value: T } | { ok: false; error: RequestError };

/** The payload as the county will judge it; an error value (never a throw) when it would refuse it. */
export function checkPayload<T extends MutationType>(
  type: T,
  candidate: MutationPayload<T>,
): { ok: true; payload: MutationPayload<T> } | { ok: false; error: RequestError } {
  const parsed = mutationSchemas[type].safeParse(candidate);
  if (parsed.success) return { ok: true, payload: parsed.data as MutationPayload<T> };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: { code: 'INVALID', message: `${issue?.path.join('.') || type}: ${issue?.message ?? 'invalid'}` },
  };
}

/** A failed IndexedDB write (quota, closed database): the transaction aborted as a whole. */
export function storageError(e: unknown): { ok: false; error: RequestError } {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { ok: false, error: { code: 'STORAGE', message } };
}

/** The county's latest answer to one request, or undefined while it has not answered (or not heard). */
export const statusOf = (db: KioskDb, kind: RequestKind, requestId: string) =>
  db.requestStatus.where('[kind+requestId]').equals([kind, requestId]).first();

/** Every answer of one kind, by request id (for lists: one index range, not one query per row). */
export async function statusesOf(db: KioskDb, kind: RequestKind): Promise<Map<string, RequestStatusRow>> {
  const rows = await db.requestStatus
    .where('[kind+requestId]')
    .between([kind, Dexie.minKey], [kind, Dexie.maxKey])
    .toArray();
  return new Map(rows.map((r) => [r.requestId, r]));
}
