import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import type { Db } from './db';
import { provisionDevice } from './devices';
import { BODY_LIMIT_BYTES } from './http-contract';
import { loadMigrations } from './migrate';
import { buildCountyServer, type CountyServer } from './server';
import { openTestDb, TEST_ADMIN_TOKEN, UNKNOWN_DEVICE_TOKEN } from './testing';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const county = seedCounties[0]!;
const township = county.townships[0]!;
const village = township.villages[0]!;
const noUi = join(tmpdir(), 'vpk-no-such-console');
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('county server', () => {
  let db: Db;
  let app: CountyServer;
  let deviceToken: string;
  let deviceId: string;
  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    app = buildCountyServer({
      db,
      logger: silentLogger,
      adminToken: TEST_ADMIN_TOKEN,
      adminUiDir: noUi,
      now: () => NOW,
    });
    ({ token: deviceToken, deviceId } = await provisionDevice(db, village.id, '村口一号机'));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('reports health with the database kind and schema version', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      db: 'pglite',
      schemaVersion: loadMigrations().length,
      serverTime: NOW.toISOString(),
    });
  });

  it('answers 503 with ok:false when the database does not answer', async () => {
    const broken: Db = { ...db, query: () => Promise.reject(new Error('connection refused')) };
    const sick = buildCountyServer({
      db: broken,
      logger: silentLogger,
      adminToken: TEST_ADMIN_TOKEN,
      adminUiDir: noUi,
    });
    try {
      const res = await sick.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ ok: false, db: 'pglite', error: { code: 'DB_UNAVAILABLE' } });
    } finally {
      await sick.close();
    }
  });

  it('tells a device who and where it is', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/device/me',
      headers: { authorization: `Bearer ${deviceToken}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      deviceId,
      name: '村口一号机',
      village: { id: village.id, name: village.name },
      township: { id: township.id, name: township.name },
      county: { id: county.id, name: county.name },
      serverTime: NOW.toISOString(),
    });
  });

  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { authorization: `Bearer ${UNKNOWN_DEVICE_TOKEN}` }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['the admin token', admin],
  ])('refuses a device call with %s', async (_what, headers) => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/device/me', headers });
    expect(res.statusCode).toBe(401);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('UNAUTHORIZED');
    expect(body.error.message).not.toBe('');
  });

  it('gives the admin the summary counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/admin/summary', headers: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ counts: Record<string, number>; serverTime: string }>();
    expect(body.serverTime).toBe(NOW.toISOString());
    expect(body.counts.counties).toBe(seedCounties.length);
    for (const key of ['counties', 'townships', 'villages', 'items', 'notices', 'devices']) {
      expect(body.counts[key]).toBeGreaterThan(0);
    }
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-admin-token-at-all' }],
    ['a device token', { authorization: `Bearer ${UNKNOWN_DEVICE_TOKEN}` }],
  ])('refuses the admin summary with %s', async (_what, headers) => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/admin/summary', headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('provisions a device whose token then works', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/devices',
      headers: admin,
      payload: { villageId: village.id, name: '二号机' },
    });
    expect(res.statusCode).toBe(201);
    const { token } = res.json<{ token: string }>();
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/device/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json()).toMatchObject({ name: '二号机', village: { id: village.id } });
  });

  it('validates the body and names the bad field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/devices',
      headers: admin,
      payload: { villageId: '', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/villageId/);
  });

  it('answers 400 BAD_REQUEST for a body that is not JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/devices',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"villageId": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('answers 404 VILLAGE_NOT_FOUND for an unknown village', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/devices',
      headers: admin,
      payload: { villageId: 'cn-999999-t01-v01', name: '无名' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'VILLAGE_NOT_FOUND' } });
  });

  it('refuses a body over the limit with 413', async () => {
    const payload = JSON.stringify({ villageId: village.id, name: 'x'.repeat(BODY_LIMIT_BYTES + 1) });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/devices',
      headers: { ...admin, 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('checks the token before reading a stranger’s body', async () => {
    const payload = 'x'.repeat(BODY_LIMIT_BYTES + 1);
    const res = await app.inject({ method: 'POST', url: '/api/v1/admin/devices', payload });
    expect(res.statusCode).toBe(401);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route for GET /api/v1/nope' } });
  });

  it('explains at / that the console is not built', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('npm run build');
  });
});

describe('county server with a built console', () => {
  const uiDir = mkdtempSync(join(tmpdir(), 'vpk-console-'));
  afterAll(() => rmSync(uiDir, { recursive: true, force: true }));

  it('serves the console at /', async () => {
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>管理台</title>');
    const fakeDb = { kind: 'pglite' } as Db; // never queried by these routes
    const app = buildCountyServer({
      db: fakeDb,
      logger: silentLogger,
      adminToken: TEST_ADMIN_TOKEN,
      adminUiDir: uiDir,
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('管理台');
      const missing = await app.inject({ method: 'GET', url: '/no-such-file.js' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    } finally {
      await app.close();
    }
  });

  it('refuses an admin token shorter than 16 characters', () => {
    expect(() => buildCountyServer({ db: {} as Db, logger: silentLogger, adminToken: 'short' })).toThrow(
      /16/,
    );
  });
});
