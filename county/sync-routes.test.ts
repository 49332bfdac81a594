import { gzipSync, gunzipSync } from 'node:zlib';
import { seedCounties } from '../assets/seed';
import {
  enrollResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  PROTOCOL_HEADER,
} from '../sync/protocol';
import type { Db } from './db';
import { provisionDevice, revokeDevice } from './devices';
import { issueEnrollmentCode } from './enrollment';
import { BODY_LIMIT_BYTES } from './http-contract';
import type { CountyServer } from './server';
import { envelope, openTestDb, orderPayload, PROTOCOL_HEADERS, TEST_ADMIN_TOKEN } from './testing';
import { testCountyServer } from './testing-server';

const county = seedCounties[0]!;
const otherCounty = seedCounties[1]!;
const [villageA, villageB] = county.townships[0]!.villages;
const START = new Date('2026-03-01T08:00:00.000Z');

describe('sync routes', () => {
  let db: Db;
  let app: CountyServer;
  let clock = START;
  let tokenA: string;
  let deviceA: string;
  let tokenB: string;
  const as = (token: string, extra: Record<string, string> = {}) => ({
    ...PROTOCOL_HEADERS,
    authorization: `Bearer ${token}`,
    ...extra,
  });
  const securityEvents = async (kind: string) =>
    (await db.query<{ n: number }>('SELECT count(*) AS n FROM security_events WHERE kind = $1', [kind]))[0]!
      .n;
  const issue = (villageId = villageA!.id, countyId = county.id) =>
    issueEnrollmentCode(db, { countyId, villageId, ttlHours: 1, now: clock });

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    app = testCountyServer(db, {
      now: () => clock,
      limits: {
        enrollFailures: { limit: 3, windowSeconds: 600 },
        authFailures: { limit: 4, windowSeconds: 600 },
      },
    });
    ({ token: tokenA, deviceId: deviceA } = await provisionDevice(db, villageA!.id, 'A'));
    ({ token: tokenB } = await provisionDevice(db, villageB!.id, 'B'));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  describe('enrollment', () => {
    const enroll = (code: string, ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        headers: { ...PROTOCOL_HEADERS, 'x-forwarded-for': ip },
        payload: { code, deviceName: '村口终端' },
      });

    it('turns a code into a device whose token pulls', async () => {
      const { code } = await issue();
      const res = await enroll(code.toLowerCase(), '10.1.0.1');
      expect(res.statusCode).toBe(201);
      const body = enrollResponseSchema.parse(res.json());
      expect(body).toMatchObject({ villageId: villageA!.id, county: { id: county.id, name: county.name } });
      const pull = await app.inject({
        method: 'GET',
        url: '/api/v1/sync/pull?limit=1',
        headers: as(body.token),
      });
      expect(pull.statusCode).toBe(200);
    });

    it('refuses a code the second time', async () => {
      const { code } = await issue();
      expect((await enroll(code, '10.1.0.2')).statusCode).toBe(201);
      const again = await enroll(code, '10.1.0.2');
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ error: { code: 'ENROLLMENT_CODE_INVALID' } });
    });

    it('refuses an expired code', async () => {
      const { code } = await issue();
      clock = new Date(START.getTime() + 3_600_001);
      try {
        const res = await enroll(code, '10.1.0.3');
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'ENROLLMENT_CODE_INVALID' } });
      } finally {
        clock = START;
      }
    });

    it('gives one device when two kiosks type the same code at once', async () => {
      const { code } = await issue();
      const answers = await Promise.all([enroll(code, '10.1.0.4'), enroll(code, '10.1.0.5')]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    });

    it('stops an address that keeps guessing, even with a right code, and logs the failures', async () => {
      const before = await securityEvents('enroll_failed');
      for (let i = 0; i < 3; i++) expect((await enroll('ZZZZ-ZZZZ', '10.9.9.9')).statusCode).toBe(400);
      const { code } = await issue();
      const blocked = await enroll(code, '10.9.9.9');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
      expect(await securityEvents('enroll_failed')).toBe(before + 3);
      expect((await enroll(code, '10.9.9.10')).statusCode).toBe(201); // another address is not affected
    });
  });

  describe('protocol version', () => {
    it.each([
      ['no version', undefined],
      ['major 2', '2.0'],
      ['garbage', 'latest'],
    ])('refuses %s with 426 and says which version it speaks', async (_what, version) => {
      const headers: Record<string, string> = { authorization: `Bearer ${tokenA}` };
      if (version !== undefined) headers[PROTOCOL_HEADER] = version;
      const res = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers });
      expect(res.statusCode).toBe(426);
      expect(res.json()).toMatchObject({
        error: { code: 'UNSUPPORTED_PROTOCOL', message: expect.stringMatching(/1\.0/) as string },
      });
    });

    it('accepts a newer minor version', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/sync/pull?limit=1',
        headers: { ...as(tokenA), [PROTOCOL_HEADER]: '1.7' },
      });
      expect(res.statusCode).toBe(200);
    });
  });

  describe('push', () => {
    const push = (payload: string | Buffer, extra: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: as(tokenA, { 'content-type': 'application/json', ...extra }),
        payload,
      });

    it('takes a gzip body and answers with acks', async () => {
      const body = { deviceId: deviceA, mutations: [envelope('order.placed', orderPayload('o-gzip'), 1)] };
      const res = await push(gzipSync(JSON.stringify(body)), { 'content-encoding': 'gzip' });
      expect(res.statusCode).toBe(200);
      expect(pushResponseSchema.parse(res.json()).acks).toMatchObject([{ status: 'applied' }]);
    });

    it('answers 413 to a gzip body that inflates past the limit (zip bomb)', async () => {
      const inflated = JSON.stringify({
        deviceId: deviceA,
        mutations: [],
        pad: ' '.repeat(BODY_LIMIT_BYTES * 8),
      });
      const bomb = gzipSync(inflated);
      expect(bomb.length).toBeLessThan(BODY_LIMIT_BYTES / 50);
      const res = await push(bomb, { 'content-encoding': 'gzip' });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    });

    it('answers 400 to corrupt gzip and 415 to an encoding it does not speak', async () => {
      const corrupt = await push(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
      expect(corrupt.statusCode).toBe(400);
      const brotli = await push(Buffer.from('{}'), { 'content-encoding': 'br' });
      expect(brotli.statusCode).toBe(415);
    });

    it('refuses a push in another device’s name with 403 and logs it', async () => {
      const before = await securityEvents('forbidden');
      const body = {
        deviceId: 'someone-else',
        mutations: [envelope('order.placed', orderPayload('o-spoof'), 2)],
      };
      const res = await push(JSON.stringify(body));
      expect(res.statusCode).toBe(403);
      expect(await securityEvents('forbidden')).toBe(before + 1);
      expect(await db.query(`SELECT 1 FROM orders WHERE id = 'o-spoof'`)).toEqual([]);
    });

    it('answers 400 naming the field when the envelope is malformed', async () => {
      const res = await push(JSON.stringify({ deviceId: deviceA, mutations: [{ id: 'x', seq: 0 }] }));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        error: { code: 'BAD_REQUEST', message: expect.stringMatching(/seq/) as string },
      });
    });
  });

  describe('pull and device reads', () => {
    beforeAll(async () => {
      const body = { deviceId: deviceA, mutations: [envelope('order.placed', orderPayload('o-a-1'), 10)] };
      await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: as(tokenA), payload: body });
    });

    it('pages through everything a village may see, never another village’s rows', async () => {
      const seen: { entity: string; id: string }[] = [];
      let cursor = '0';
      for (let more = true; more;) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/sync/pull?cursor=${cursor}&limit=1000`,
          headers: as(tokenB),
        });
        const page = pullResponseSchema.parse(res.json());
        seen.push(...page.changes);
        ({ cursor, hasMore: more } = page);
      }
      expect(seen.filter((c) => c.entity === 'catalogue_item').length).toBeGreaterThan(2000);
      expect(seen.filter((c) => c.entity === 'order_status')).toEqual([]);
    });

    it('gzips a pull page when the kiosk accepts it', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/sync/pull?limit=200',
        headers: as(tokenA, { 'accept-encoding': 'gzip' }),
      });
      expect(res.headers['content-encoding']).toBe('gzip');
      const page = pullResponseSchema.parse(JSON.parse(gunzipSync(res.rawPayload).toString('utf8')));
      expect(page.changes).toHaveLength(200);
      expect(page.hasMore).toBe(true);
    });

    it('shows a device its own village’s order, and 403 for another village’s', async () => {
      const mine = await app.inject({
        method: 'GET',
        url: '/api/v1/device/orders/o-a-1',
        headers: as(tokenA),
      });
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toEqual({
        orderId: 'o-a-1',
        status: 'received',
        note: null,
        settledTotalFen: null,
      });
      const before = await securityEvents('forbidden');
      const theirs = await app.inject({
        method: 'GET',
        url: '/api/v1/device/orders/o-a-1',
        headers: as(tokenB),
      });
      expect(theirs.statusCode).toBe(403);
      expect(theirs.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(await securityEvents('forbidden')).toBe(before + 1);
      const unknown = await app.inject({
        method: 'GET',
        url: '/api/v1/device/orders/nope',
        headers: as(tokenA),
      });
      expect(unknown.statusCode).toBe(404);
    });

    it('does not let a device of another county see this county’s order', async () => {
      const other = await provisionDevice(db, otherCounty.townships[0]!.villages[0]!.id, 'X');
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/device/orders/o-a-1',
        headers: as(other.token),
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('device authentication', () => {
    it('refuses a revoked token with 401 and names the device in the log', async () => {
      const { deviceId, token } = await provisionDevice(db, villageA!.id, '报废终端');
      await revokeDevice(db, deviceId);
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/sync/pull',
        headers: as(token, { 'x-forwarded-for': '10.2.0.1' }),
      });
      expect(res.statusCode).toBe(401);
      expect(await db.query(`SELECT kind FROM security_events WHERE device_id = $1`, [deviceId])).toEqual([
        { kind: 'revoked_token' },
      ]);
    });

    it('refuses the admin token on device routes and a device token on admin routes', async () => {
      const device = await app.inject({
        method: 'GET',
        url: '/api/v1/sync/pull',
        headers: as(TEST_ADMIN_TOKEN),
      });
      expect(device.statusCode).toBe(401);
      const admin = await app.inject({ method: 'GET', url: '/api/v1/admin/summary', headers: as(tokenA) });
      expect(admin.statusCode).toBe(401);
    });

    it('answers 429 to an address past its failure limit but still serves valid tokens from it', async () => {
      const ip = { 'x-forwarded-for': '10.3.0.1' };
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await app.inject({
          method: 'GET',
          url: '/api/v1/sync/pull',
          headers: as('B'.repeat(43), ip),
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
      const valid = await app.inject({
        method: 'GET',
        url: '/api/v1/sync/pull?limit=1',
        headers: as(tokenA, ip),
      });
      expect(valid.statusCode).toBe(200);
    });
  });
});
