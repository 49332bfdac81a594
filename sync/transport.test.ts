import { FakeCounty } from './fake-county';
import {
  APP_VERSION_HEADER,
  PENDING_HEADER,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PushRequest,
} from './protocol';
import { createFetchTransport, type Exchange } from './transport';
import { orderPayload } from './testing';

const BASE = 'http://127.0.0.1:8080/county';

const push = (n: number): PushRequest => ({
  deviceId: 'dev-1',
  mutations: Array.from({ length: n }, (_, i) => ({
    id: `m-${i + 1}`,
    seq: i + 1,
    type: 'order.placed',
    at: '2026-11-28T08:00:00+08:00',
    payload: orderPayload(i + 1),
  })),
});

/** A fetch that always answers `status` with `body`, recording the requests. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen: Request[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    seen.push(new Request(input, init));
    return Promise.resolve(
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers }),
    );
  };
  return { fetchImpl, seen };
}

describe('fetch transport', () => {
  it('gzips a large push body, and the county reads back exactly the JSON that was sent', async () => {
    const county = new FakeCounty();
    county.enroll('dev-1', 'v-1');
    const exchanges: Exchange[] = [];
    const t = createFetchTransport({
      baseUrl: BASE,
      fetch: county.fetchFor('dev-1'),
      onExchange: (e) => exchanges.push(e),
    });
    const req = push(40);

    const res = await t.push(req);
    expect(res.ok && res.value.acks.every((a) => a.status === 'applied')).toBe(true);
    expect(county.lastBody?.gzip).toBe(true);
    expect(county.lastBody?.json).toBe(JSON.stringify(req));
    expect(county.lastBody!.wireBytes).toBeLessThan(county.lastBody!.json.length / 4);
    expect(exchanges[0]).toMatchObject({ path: '/api/v1/sync/push', status: 200, gzip: true });
  });

  it('sends a small body as plain JSON', async () => {
    const county = new FakeCounty();
    county.enroll('dev-1', 'v-1');
    const t = createFetchTransport({ baseUrl: BASE, fetch: county.fetchFor('dev-1') });
    expect((await t.push(push(1))).ok).toBe(true);
    expect(county.lastBody).toMatchObject({ gzip: false, json: JSON.stringify(push(1)) });
  });

  it('falls back to plain JSON for good when the county refuses gzip (415)', async () => {
    const county = new FakeCounty();
    county.enroll('dev-1', 'v-1');
    const countyFetch = county.fetchFor('dev-1');
    const encodings: (string | null)[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const encoding = new Request(input, init).headers.get('content-encoding');
      encodings.push(encoding);
      if (encoding === 'gzip')
        return new Response('{"error":{"code":"UNSUPPORTED_MEDIA_TYPE","message":""}}', { status: 415 });
      return countyFetch(input, init);
    };
    const t = createFetchTransport({ baseUrl: BASE, fetch: fetchImpl });
    expect((await t.push(push(40))).ok).toBe(true);
    expect((await t.push(push(40))).ok).toBe(true);
    expect(encodings).toEqual(['gzip', null, null]);
  });

  it('carries the protocol version on every request, and no token (the kiosk proxy adds it)', async () => {
    const { fetchImpl, seen } = answering(200, {
      changes: [],
      cursor: '0',
      hasMore: false,
      serverTime: '2026-11-28T00:00:00Z',
    });
    const t = createFetchTransport({ baseUrl: BASE, fetch: fetchImpl });
    expect((await t.pull({ cursor: '0', limit: 50 })).ok).toBe(true);
    expect(seen[0]!.url).toBe(`${BASE}/api/v1/sync/pull?cursor=0&limit=50`);
    expect(seen[0]!.headers.get(PROTOCOL_HEADER)).toBe(PROTOCOL_VERSION);
    expect(seen[0]!.headers.get('authorization')).toBeNull();
  });

  it('tells the county its backlog and version on each request, and syncs anyway when they cannot be read', async () => {
    const { fetchImpl, seen } = answering(200, {
      changes: [],
      cursor: '0',
      hasMore: false,
      serverTime: '2026-11-28T00:00:00Z',
    });
    let backlog = 17;
    const t = createFetchTransport({
      baseUrl: BASE,
      fetch: fetchImpl,
      reportHeaders: () =>
        backlog < 0
          ? Promise.reject(new Error('database closed'))
          : Promise.resolve({ [PENDING_HEADER]: String(backlog), [APP_VERSION_HEADER]: '0.1.0' }),
    });
    expect((await t.pull({ cursor: '0', limit: 50 })).ok).toBe(true);
    expect(seen[0]!.headers.get(PENDING_HEADER)).toBe('17');
    expect(seen[0]!.headers.get(APP_VERSION_HEADER)).toBe('0.1.0');
    backlog = -1;
    expect((await t.pull({ cursor: '0', limit: 50 })).ok).toBe(true);
    expect(seen[1]!.headers.get(PENDING_HEADER)).toBeNull();
    expect(seen[1]!.headers.get(PROTOCOL_HEADER)).toBe(PROTOCOL_VERSION);
  });

  it('asks the county who this device is', async () => {
    const county = new FakeCounty();
    county.enroll('dev-1', 'v-9');
    const t = createFetchTransport({ baseUrl: BASE, fetch: county.fetchFor('dev-1') });
    expect(await t.identify()).toEqual({ ok: true, value: { deviceId: 'dev-1', villageId: 'v-9' } });
  });

  it.each([
    [401, { error: { code: 'UNAUTHORIZED', message: '' } }, 'NOT_ENROLLED'],
    [503, { error: { code: 'NOT_ENROLLED', message: '本终端尚未注册' } }, 'NOT_ENROLLED'], // the kiosk proxy, no token yet
    [403, { error: { code: 'FORBIDDEN', message: '' } }, 'FORBIDDEN'],
    [426, { error: { code: 'UNSUPPORTED_PROTOCOL', message: '' } }, 'UNSUPPORTED_PROTOCOL'],
    [413, { error: { code: 'PAYLOAD_TOO_LARGE', message: '' } }, 'PAYLOAD_TOO_LARGE'],
    [429, { error: { code: 'RATE_LIMITED', message: '' } }, 'RATE_LIMITED'],
    [500, { error: { code: 'INTERNAL', message: '' } }, 'SERVER'],
    [503, { error: { code: 'DB_UNAVAILABLE', message: '' } }, 'SERVER'], // the county is up, its database is not
    [503, { error: { code: 'BUSY', message: '' } }, 'RATE_LIMITED'], // admission control: come back later
    [502, 'Bad Gateway', 'OFFLINE'], // the kiosk proxy cannot reach the county
    [504, '', 'OFFLINE'],
    [400, { error: { code: 'BAD_REQUEST', message: '' } }, 'BAD_REQUEST'],
  ])('maps HTTP %i %j to %s', async (status, body, code) => {
    const t = createFetchTransport({ baseUrl: BASE, fetch: answering(status, body).fetchImpl });
    expect(await t.pull({ cursor: '0', limit: 1 })).toMatchObject({ ok: false, error: { code } });
  });

  it.each([
    [429, 'RATE_LIMITED'],
    [503, 'BUSY'],
  ])('keeps the Retry-After hint of a busy county (%i %s)', async (status, code) => {
    const { fetchImpl } = answering(status, { error: { code, message: '' } }, { 'retry-after': '30' });
    const t = createFetchTransport({ baseUrl: BASE, fetch: fetchImpl });
    expect(await t.pull({ cursor: '0', limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryAfterMs: 30_000 },
    });
  });

  it('returns an answer that fails the protocol schemas as MALFORMED, never as data', async () => {
    for (const body of [
      '<html>proxy error</html>',
      { acks: [{ id: 'm-1', status: 'maybe' }], serverTime: 'now' },
    ]) {
      const t = createFetchTransport({ baseUrl: BASE, fetch: answering(200, body).fetchImpl });
      expect(await t.push(push(1))).toMatchObject({ ok: false, error: { code: 'MALFORMED' } });
    }
  });

  it('reports a network failure as OFFLINE and a request that takes too long as TIMEOUT', async () => {
    const down = createFetchTransport({
      baseUrl: BASE,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(await down.pull({ cursor: '0', limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE' },
    });

    const slow = createFetchTransport({
      baseUrl: BASE,
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    });
    expect(await slow.pull({ cursor: '0', limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT', message: expect.stringContaining('网络太慢') as string },
    });
  });
});
