/**
 * Security events and rate limits, both kept in PostgreSQL: the county runs as several stateless
 * instances behind a load balancer (§10), so a counter in one process's memory would let a client
 * multiply its allowance by the number of instances.
 *
 * Rate limits are fixed windows per bucket (`enroll:<ip>`, `auth:<ip>`): one UPSERT per counted hit.
 * Old windows are swept when a new window opens, so the table stays as small as the set of clients
 * seen in the last hour.
 */
import type { Queryable } from './db';

export type SecurityEventKind =
  | 'auth_failed' // unknown or malformed device token
  | 'revoked_token' // a revoked device still calling
  | 'forbidden' // a device reaching for another village's data, or someone else's deviceId
  | 'enroll_failed' // a wrong, used or expired enrollment code
  | 'rate_limited';

export interface SecurityEvent {
  kind: SecurityEventKind;
  countyId?: string | null;
  villageId?: string | null;
  deviceId?: string | null;
  ip?: string;
  method?: string;
  url?: string;
  detail?: Record<string, unknown>;
}

export async function recordSecurityEvent(db: Queryable, e: SecurityEvent): Promise<void> {
  await db.query(
    `INSERT INTO security_events (kind, county_id, village_id, device_id, ip, method, url, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      e.kind,
      e.countyId ?? null,
      e.villageId ?? null,
      e.deviceId ?? null,
      e.ip ?? null,
      e.method ?? null,
      e.url?.split('?')[0] ?? null,
      e.detail ? JSON.stringify(e.detail) : null,
    ],
  );
}

export interface RateLimit {
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateState {
  hits: number;
  limited: boolean;
  /** Seconds until the window ends (Retry-After). */
  retryAfter: number;
}

function windowOf(now: Date, rule: RateLimit): { start: Date; retryAfter: number } {
  const ms = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start), retryAfter: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) };
}

/** Counts one hit and says whether the bucket is now over its limit. */
export async function hitRateLimit(
  db: Queryable,
  bucket: string,
  rule: RateLimit,
  now: Date,
): Promise<RateState> {
  const { start, retryAfter } = windowOf(now, rule);
  const [row] = await db.query<{ hits: number }>(
    `INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
     RETURNING hits`,
    [bucket, start],
  );
  const hits = row?.hits ?? 1;
  if (hits === 1) {
    // First hit of a window: sweep windows that ended more than an hour ago.
    await db.query('DELETE FROM rate_limits WHERE window_start < $1', [
      new Date(start.getTime() - 3_600_000),
    ]);
  }
  return { hits, limited: hits > rule.limit, retryAfter };
}

/** Reads a bucket without counting (for checks made before the work that would count). */
export async function peekRateLimit(
  db: Queryable,
  bucket: string,
  rule: RateLimit,
  now: Date,
): Promise<RateState> {
  const { start, retryAfter } = windowOf(now, rule);
  const [row] = await db.query<{ hits: number }>(
    'SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start = $2',
    [bucket, start],
  );
  const hits = row?.hits ?? 0;
  return { hits, limited: hits >= rule.limit, retryAfter };
}
