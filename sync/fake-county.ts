/**
 * An in-memory county centre with the protocol's semantics (Joplin's habit: sync tests run against an
 * in-process target; the integration suite points the same engine at the real county service).
 *
 * What it holds to, as the real county must:
 * - each (device, mutation id) is applied at most once, forever; a resend is acked 'duplicate', and a
 *   resend of a rejected mutation is acked 'rejected' again with the same reason (so a kiosk whose first
 *   ack was lost still learns of the rejection instead of dropping the row);
 * - one bad mutation is rejected with a reason and never stops the others of its batch;
 * - the pull feed is a monotonic sequence; the cursor is the last sequence returned.
 * It also records what a test wants to check: every request, the order mutations were applied in.
 */
import {
  MAX_PULL_LIMIT,
  PROTOCOL_HEADER,
  majorOf,
  parseMutation,
  pullQuerySchema,
  pushRequestSchema,
  type Ack,
  type PullQuery,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from './protocol';
import { httpError } from './transport';
import type { SyncResult } from './errors';
import type { SyncTransport } from './transport';

export interface LoggedMutation {
  deviceId: string;
  id: string;
  seq: number;
  type: string;
  payload: unknown;
  status: 'applied' | 'rejected';
  reason?: string;
}

export interface FeedEntry {
  seq: number;
  entity: string;
  id: string;
  op: 'upsert' | 'delete';
  data: unknown;
  villageId?: string;
}

type Reply = { status: number; body: unknown };

export class FakeCounty {
  readonly devices = new Map<string, { villageId: string; revoked: boolean }>();
  /** Every mutation ever received, by `${deviceId}/${id}` (the dedupe key). */
  readonly log = new Map<string, LoggedMutation>();
  /** Applied mutations in the order they were applied. */
  readonly applied: LoggedMutation[] = [];
  readonly feed: FeedEntry[] = [];
  readonly pushes: PushRequest[] = [];
  readonly pulls: PullQuery[] = [];
  /** Mutations applied out of seq order for their device: must stay empty. */
  readonly orderViolations: string[] = [];
  /** Business rules a test wants the county to enforce (e.g. "out of stock"). */
  rejectIf: (m: LoggedMutation) => string | undefined = () => undefined;
  /** The last request body as received over `fetch`: for the gzip test. */
  lastBody: { gzip: boolean; wireBytes: number; json: string } | undefined;

  constructor(private readonly now: () => number = () => Date.now()) {}

  enroll(deviceId: string, villageId: string): void {
    this.devices.set(deviceId, { villageId, revoked: false });
  }

  revoke(deviceId: string): void {
    const d = this.devices.get(deviceId);
    if (d) d.revoked = true;
  }

  /** Appends to the change feed; returns its version. */
  publish(
    entity: string,
    id: string,
    data: unknown,
    opts: { op?: 'upsert' | 'delete'; villageId?: string } = {},
  ): string {
    const seq = this.feed.length + 1;
    this.feed.push({
      seq,
      entity,
      id,
      op: opts.op ?? 'upsert',
      data: opts.op === 'delete' ? null : data,
      ...opts,
    });
    return String(seq);
  }

  appliedFor(deviceId: string): LoggedMutation[] {
    return this.applied.filter((m) => m.deviceId === deviceId);
  }

  /** The engine's transport for one enrolled device, as the kiosk proxy would authenticate it. */
  transport(deviceId: string): SyncTransport {
    const result = <T>(reply: Reply): SyncResult<T> =>
      reply.status < 300
        ? { ok: true, value: reply.body as T }
        : { ok: false, error: httpError(reply.status, JSON.stringify(reply.body), null) };
    return {
      identify: () => {
        const me = result<{ deviceId: string; village: { id: string } }>(this.identify(deviceId));
        return Promise.resolve(
          me.ok ? { ok: true, value: { deviceId: me.value.deviceId, villageId: me.value.village.id } } : me,
        );
      },
      push: (req) => Promise.resolve(result<PushResponse>(this.push(deviceId, structuredClone(req)))),
      pull: (q) => Promise.resolve(result<PullResponse>(this.pull(deviceId, q))),
    };
  }

  /** The same county over HTTP semantics (headers, gzip, status codes), for the fetch transport's tests. */
  fetchFor(deviceId: string | undefined): typeof fetch {
    return async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const json = (reply: Reply) =>
        new Response(JSON.stringify(reply.body), {
          status: reply.status,
          headers: { 'content-type': 'application/json' },
        });
      if (majorOf(request.headers.get(PROTOCOL_HEADER) ?? undefined) !== 1) {
        return json(error(426, 'UNSUPPORTED_PROTOCOL', 'protocol 1.x required'));
      }
      if (deviceId === undefined) return json(error(401, 'UNAUTHORIZED', 'device not authorised'));
      const path = url.pathname.replace(/^\/county/, '');
      if (request.method === 'GET' && path === '/api/v1/device/me') return json(this.identify(deviceId));
      if (request.method === 'GET' && path === '/api/v1/sync/pull') {
        const q = pullQuerySchema.safeParse(Object.fromEntries(url.searchParams));
        return json(q.success ? this.pull(deviceId, q.data) : error(400, 'BAD_REQUEST', q.error.message));
      }
      if (request.method === 'POST' && path === '/api/v1/sync/push') {
        const gzip = request.headers.get('content-encoding') === 'gzip';
        const wire = new Uint8Array(await request.arrayBuffer());
        const bytes = gzip ? await gunzip(wire) : wire;
        const text = new TextDecoder().decode(bytes);
        this.lastBody = { gzip, wireBytes: wire.byteLength, json: text };
        return json(this.push(deviceId, JSON.parse(text)));
      }
      return json(error(404, 'NOT_FOUND', `${request.method} ${path}`));
    };
  }

  private device(deviceId: string): { villageId: string } | undefined {
    const d = this.devices.get(deviceId);
    return d && !d.revoked ? d : undefined;
  }

  private identify(deviceId: string): Reply {
    const d = this.device(deviceId);
    if (!d) return error(401, 'UNAUTHORIZED', 'device not authorised');
    return { status: 200, body: { deviceId, village: { id: d.villageId } } };
  }

  private push(deviceId: string, body: unknown): Reply {
    if (!this.device(deviceId)) return error(401, 'UNAUTHORIZED', 'device not authorised');
    const parsed = pushRequestSchema.safeParse(body);
    if (!parsed.success) return error(400, 'BAD_REQUEST', parsed.error.message);
    const req = parsed.data;
    if (req.deviceId !== deviceId) return error(403, 'FORBIDDEN', 'not your device');
    this.pushes.push(req);
    const acks: Ack[] = req.mutations.map((m) => {
      const key = `${deviceId}/${m.id}`;
      const seen = this.log.get(key);
      if (seen)
        return seen.status === 'rejected'
          ? { id: m.id, status: 'rejected', reason: seen.reason }
          : { id: m.id, status: 'duplicate' };
      const valid = parseMutation(m);
      const entry: LoggedMutation = {
        deviceId,
        id: m.id,
        seq: m.seq,
        type: m.type,
        payload: m.payload,
        status: 'applied',
      };
      const reason = valid.ok ? this.rejectIf(entry) : valid.reason;
      if (reason !== undefined) {
        this.log.set(key, { ...entry, status: 'rejected', reason });
        return { id: m.id, status: 'rejected', reason };
      }
      const last = this.appliedFor(deviceId).at(-1);
      if (last && last.seq >= m.seq) this.orderViolations.push(`${deviceId}: seq ${m.seq} after ${last.seq}`);
      this.log.set(key, entry);
      this.applied.push(entry);
      return { id: m.id, status: 'applied' };
    });
    return { status: 200, body: { acks, serverTime: new Date(this.now()).toISOString() } };
  }

  private pull(deviceId: string, q: PullQuery): Reply {
    const d = this.device(deviceId);
    if (!d) return error(401, 'UNAUTHORIZED', 'device not authorised');
    this.pulls.push(q);
    const from = Number(q.cursor);
    const limit = Math.min(q.limit, MAX_PULL_LIMIT);
    const after = this.feed.filter((e) => e.seq > from);
    const page = after.slice(0, limit);
    // Another village's rows are never shown, but the cursor still moves past them.
    const changes = page
      .filter((e) => e.villageId === undefined || e.villageId === d.villageId)
      .map((e) => ({ entity: e.entity, id: e.id, op: e.op, data: e.data, version: String(e.seq) }));
    const cursor = page.length ? String(page.at(-1)!.seq) : q.cursor;
    return {
      status: 200,
      body: {
        changes,
        cursor,
        hasMore: after.length > page.length,
        serverTime: new Date(this.now()).toISOString(),
      },
    };
  }
}

function error(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message } } };
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
