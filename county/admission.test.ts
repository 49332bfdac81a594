import { EventEmitter } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { silentLogger } from '../common/logger';
import { pushResponseSchema } from '../sync/protocol';
import { admissionGate } from './admission';
import type { Db } from './db';
import { provisionDevice } from './devices';
import type { CountyServer } from './server';
import { envelope, openTestDb, orderPayload, PROTOCOL_HEADERS } from './testing';
import { testCountyServer } from './testing-server';
import { DEMO_VILLAGE_ID } from '../assets/seed';

describe('admission control of the sync routes', () => {
  let db: Db;
  let app: CountyServer;
  let token: string;
  let deviceId: string;

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    app = testCountyServer(db, { admission: { maxInFlight: 2, retryAfterMaxS: 3 } });
    ({ token, deviceId } = await provisionDevice(db, DEMO_VILLAGE_ID, 'busy'));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const push = (orderId: string, id: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { ...PROTOCOL_HEADERS, authorization: `Bearer ${token}` },
      payload: { deviceId, mutations: [envelope('order.placed', orderPayload(orderId), 1, id)] },
    });
  const ordersAtCounty = async (ids: string[]) =>
    (await db.query<{ id: string }>('SELECT id FROM orders WHERE id = ANY($1)', [ids])).map((r) => r.id);

  it('past the limit answers 503 BUSY with a Retry-After in 1…max s, and the refused push changed nothing', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `busy-${i}`);
    const answers = await Promise.all(ids.map((id) => push(id, `m-${id}`)));
    const refused = ids.filter((_, i) => answers[i]!.statusCode === 503);
    const taken = ids.filter((_, i) => answers[i]!.statusCode === 200);
    expect(taken.length + refused.length).toBe(ids.length);
    expect(taken.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThan(0);
    for (const res of answers.filter((a) => a.statusCode === 503)) {
      expect(res.json()).toMatchObject({ error: { code: 'BUSY' } });
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3);
    }
    expect((await ordersAtCounty(ids)).sort()).toEqual([...taken].sort());

    // Coming back later, each refused push is taken once; nothing is doubled.
    for (const id of refused) {
      const again = await push(id, `m-${id}`);
      expect(again.statusCode).toBe(200);
      expect(pushResponseSchema.parse(again.json()).acks).toHaveLength(1);
    }
    expect((await ordersAtCounty(ids)).sort()).toEqual([...ids].sort());
  });

  it('refuses before authenticating: a crowd of bad tokens is not a database load', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.inject({
          method: 'GET',
          url: '/api/v1/sync/pull?cursor=0',
          headers: { ...PROTOCOL_HEADERS, authorization: `Bearer ${'B'.repeat(43)}` },
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(2);
    expect(codes.filter((c) => c === 503)).toHaveLength(8);
  });
});

describe('admission gate slots', () => {
  const fake = () => {
    const raw = new EventEmitter();
    return {
      raw,
      request: { log: silentLogger } as unknown as FastifyRequest,
      reply: { raw } as unknown as FastifyReply,
    };
  };

  it('frees a slot exactly once, when the answer finishes or the client hangs up', async () => {
    const gate = admissionGate({ maxInFlight: 1 });
    const a = fake();
    await gate.hook(a.request, a.reply);
    expect(gate.inFlight).toBe(1);
    const b = fake();
    await expect(gate.hook(b.request, b.reply)).rejects.toMatchObject({ code: 'BUSY' });
    a.raw.emit('close'); // the kiosk's link dropped mid-request
    a.raw.emit('finish');
    expect(gate.inFlight).toBe(0);
    await gate.hook(b.request, b.reply);
    b.raw.emit('finish');
    b.raw.emit('close');
    expect(gate.inFlight).toBe(0);
    expect(gate.refused).toBe(1);
  });
});
