/**
 * Test helpers for the county's HTTP routes: the real server on a test database, kiosks enrolled at
 * villages, and a kiosk's pull and push made the way a kiosk makes them (its token, the protocol
 * header, its own cursor and seq). Apart from testing.ts so that database-only tests do not load
 * Fastify.
 *
 *   db = await openTestDb({ seed: true });
 *   app = testCountyServer(db, { now: () => NOW });
 *   kiosk = await enrolKiosk(app, db, village.id, 'a');   // caught up with the seed
 *   const ack = await pushAsKiosk(app, kiosk, 'order.placed', orderPayload('o-1'));
 *   const changes = await pullAsKiosk(app, kiosk);          // only what is new since the last pull
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { silentLogger } from '../common/logger';
import { pullResponseSchema, pushResponseSchema, type Ack, type ChangeEnvelope } from '../sync/protocol';
import type { Db } from './db';
import { provisionDevice } from './devices';
import { buildCountyServer, type CountyServer, type CountyServerOptions } from './server';
import { envelope, PROTOCOL_HEADERS, TEST_ADMIN_TOKEN } from './testing';

/** The county console's bearer header. */
export const ADMIN_HEADERS = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** The server with the test admin token, a silent logger and no built console (a missing dir). */
export function testCountyServer(db: Db, opts: Omit<Partial<CountyServerOptions>, 'db'> = {}): CountyServer {
  return buildCountyServer({
    db,
    logger: silentLogger,
    adminToken: TEST_ADMIN_TOKEN,
    adminUiDir: join(tmpdir(), 'none'),
    ...opts,
  });
}

/** A county console call; `payload` is sent as JSON. */
export function adminInject(
  app: CountyServer,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: ADMIN_HEADERS,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** An enrolled kiosk as the tests drive it; `cursor` and `seq` move as it pulls and pushes. */
export interface TestKiosk {
  deviceId: string;
  token: string;
  cursor: string;
  seq: number;
}

/**
 * A kiosk provisioned at the village and caught up with all it may see (the seed's catalogue,
 * notices…), so that a test's later pulls hold only what the test itself caused.
 */
export async function enrolKiosk(
  app: CountyServer,
  db: Db,
  villageId: string,
  name: string,
): Promise<TestKiosk> {
  const { deviceId, token } = await provisionDevice(db, villageId, name);
  const kiosk: TestKiosk = { deviceId, token, cursor: '0', seq: 0 };
  await pullAsKiosk(app, kiosk);
  return kiosk;
}

/** Everything new for the kiosk since its last pull, page by page; it keeps the cursor, as a kiosk does. */
export async function pullAsKiosk(app: CountyServer, kiosk: TestKiosk): Promise<ChangeEnvelope[]> {
  const out: ChangeEnvelope[] = [];
  for (let more = true; more;) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/sync/pull?cursor=${kiosk.cursor}&limit=1000`,
      headers: { ...PROTOCOL_HEADERS, authorization: `Bearer ${kiosk.token}` },
    });
    const page = pullResponseSchema.parse(res.json());
    out.push(...page.changes);
    kiosk.cursor = page.cursor;
    more = page.hasMore;
  }
  return out;
}

/** One mutation pushed under the kiosk's next seq; the county's ack, or a throw if the push itself failed. */
export async function pushAsKiosk(
  app: CountyServer,
  kiosk: TestKiosk,
  type: string,
  payload: unknown,
): Promise<Ack> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: { ...PROTOCOL_HEADERS, authorization: `Bearer ${kiosk.token}` },
    payload: { deviceId: kiosk.deviceId, mutations: [envelope(type, payload, ++kiosk.seq)] },
  });
  if (res.statusCode !== 200) throw new Error(`push answered ${res.statusCode}: ${res.body}`);
  return pushResponseSchema.parse(res.json()).acks[0]!;
}
