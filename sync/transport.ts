/**
 * How the kiosk's sync engine reaches the county. The engine receives a `SyncTransport` (Joplin's
 * habit: the target is an object), so tests drive it against an in-memory county and production
 * against HTTP through the kiosk origin's `/county` proxy — which adds the device's Bearer token on the
 * Node side, so nothing here ever sees a token.
 *
 * Every answer is a value: a network failure, an HTTP error or an answer that fails the protocol
 * schemas comes back as `{ok: false, error}` with a typed code. A malformed answer is never returned as
 * data, so it can never be applied.
 */
import { z } from 'zod';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  errorBodySchema,
  pullResponseSchema,
  pushResponseSchema,
  type PullQuery,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from './protocol';
import { syncError, type SyncError, type SyncResult } from './errors';

export interface DeviceIdentity {
  deviceId: string;
  villageId: string;
}

export interface SyncTransport {
  /** Who the county says this device is (`GET /api/v1/device/me`): the push body must name it. */
  identify(): Promise<SyncResult<DeviceIdentity>>;
  push(req: PushRequest): Promise<SyncResult<PushResponse>>;
  pull(q: PullQuery): Promise<SyncResult<PullResponse>>;
}

/**
 * The part of the county's `/api/v1/device/me` answer the engine needs. The full shape is the county's
 * (county/http-contract.ts), which the kiosk may not import; these two fields are all it relies on.
 */
const deviceMeSchema = z.object({
  deviceId: z.string().min(1),
  village: z.object({ id: z.string().min(1) }),
});

export interface Exchange {
  path: string;
  status: number | undefined;
  /** Bytes of the request body as sent (after gzip). */
  requestBytes: number;
  gzip: boolean;
  /** When the request left, on the transport's clock (`now`), and how long until its answer. */
  startedAt: number;
  ms: number;
}

export interface FetchTransportOptions {
  /** '/county' in the page (same origin); an absolute URL in tests and benchmarks. */
  baseUrl: string;
  fetch: typeof fetch;
  /** Per request, including reading the answer. A slow 3G link must not hang a cycle forever. */
  timeoutMs?: number;
  /** Bodies larger than this are gzipped (Content-Encoding: gzip). */
  gzipAboveBytes?: number;
  /** Called after every exchange: bytes on the wire and time, for the benchmark and the logs. */
  onExchange?: (e: Exchange) => void;
  now?: () => number;
  /**
   * Headers the kiosk adds about itself (PENDING_HEADER, APP_VERSION_HEADER). Read before each
   * request; if reading fails the request goes without them — a report never fails a sync.
   */
  reportHeaders?: () => Promise<Record<string, string>>;
}

export function createFetchTransport(opts: FetchTransportOptions): SyncTransport {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const gzipAbove = opts.gzipAboveBytes ?? 1024;
  const now = opts.now ?? (() => Date.now());
  // Cleared for good if the county answers 415 to a gzipped body (an older county): plain JSON still works.
  let gzipAccepted = typeof CompressionStream === 'function';

  async function exchange<S extends z.ZodType>(
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<SyncResult<z.output<S>>> {
    const plain = body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body));
    const zipped =
      plain !== undefined && plain.byteLength > gzipAbove && gzipAccepted
        ? await gzip(plain).catch(() => undefined) // never worth failing a sync for
        : undefined;
    const compress = zipped !== undefined;
    const result = await request(path, zipped ?? plain, compress);
    if (!result.ok && result.status === 415 && compress) {
      gzipAccepted = false;
      return finish(schema, await request(path, plain, false));
    }
    return finish(schema, result);
  }

  type Raw = { ok: true; status: number; text: string } | { ok: false; status?: number; error: SyncError };

  async function request(
    path: string,
    payload: Uint8Array<ArrayBuffer> | undefined,
    gzipped: boolean,
  ): Promise<Raw> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = now();
    let status: number | undefined;
    try {
      const report = opts.reportHeaders ? await opts.reportHeaders().catch(() => ({})) : {};
      const headers: Record<string, string> = {
        ...report,
        [PROTOCOL_HEADER]: PROTOCOL_VERSION,
        accept: 'application/json',
      };
      if (payload) headers['content-type'] = 'application/json';
      if (gzipped) headers['content-encoding'] = 'gzip';
      const res = await opts.fetch(`${base}${path}`, {
        method: payload ? 'POST' : 'GET',
        headers,
        ...(payload && { body: payload }),
        signal: controller.signal,
        cache: 'no-store',
        credentials: 'same-origin',
      });
      status = res.status;
      const text = await res.text(); // inside the timeout: a trickling body is a timeout too
      if (!res.ok)
        return { ok: false, status, error: httpError(res.status, text, res.headers.get('retry-after')) };
      return { ok: true, status, text };
    } catch (err) {
      const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      return { ok: false, error: syncError(controller.signal.aborted ? 'TIMEOUT' : 'OFFLINE', detail) };
    } finally {
      clearTimeout(timer);
      opts.onExchange?.({
        path,
        status,
        requestBytes: payload?.byteLength ?? 0,
        gzip: gzipped,
        startedAt: started,
        ms: now() - started,
      });
    }
  }

  return {
    identify: async () => {
      const me = await exchange('/api/v1/device/me', deviceMeSchema);
      return me.ok
        ? { ok: true, value: { deviceId: me.value.deviceId, villageId: me.value.village.id } }
        : me;
    },
    push: (req) => exchange('/api/v1/sync/push', pushResponseSchema, req),
    pull: (q) =>
      exchange(
        `/api/v1/sync/pull?cursor=${encodeURIComponent(q.cursor)}&limit=${encodeURIComponent(String(q.limit))}`,
        pullResponseSchema,
      ),
  };
}

function finish<S extends z.ZodType>(
  schema: S,
  raw: { ok: true; text: string } | { ok: false; error: SyncError },
): SyncResult<z.output<S>> {
  if (!raw.ok) return raw;
  let json: unknown;
  try {
    json = JSON.parse(raw.text);
  } catch {
    return { ok: false, error: syncError('MALFORMED', `not JSON: ${raw.text.slice(0, 80)}`) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: syncError('MALFORMED', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`),
    };
  }
  return { ok: true, value: parsed.data };
}

/** Maps an HTTP failure to a code. 502–504 without the county's own error body come from the kiosk's proxy: the county is unreachable. */
export function httpError(status: number, text: string, retryAfter: string | null): SyncError {
  let countyCode: string | undefined;
  try {
    const body = errorBodySchema.safeParse(JSON.parse(text));
    if (body.success) countyCode = body.data.error.code;
  } catch {
    // not JSON: a proxy or load balancer page
  }
  const detail = `HTTP ${status}${countyCode ? ` ${countyCode}` : ''}`;
  const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
  const retryAfterMs = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
  if (status === 401 || countyCode === 'NOT_ENROLLED') return syncError('NOT_ENROLLED', detail);
  if (status === 426 || countyCode === 'UNSUPPORTED_PROTOCOL')
    return syncError('UNSUPPORTED_PROTOCOL', detail);
  if (status === 403) return syncError('FORBIDDEN', detail);
  if (status === 413) return syncError('PAYLOAD_TOO_LARGE', detail);
  // A county that is busy (admission control) is not failing: come back after Retry-After.
  if (status === 429 || countyCode === 'BUSY') return syncError('RATE_LIMITED', detail, retryAfterMs);
  if ([502, 503, 504].includes(status) && countyCode === undefined)
    return syncError('OFFLINE', detail, retryAfterMs);
  if (status >= 500) return syncError('SERVER', detail, retryAfterMs);
  return syncError('BAD_REQUEST', detail);
}

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
