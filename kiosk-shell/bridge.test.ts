import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { silentLogger } from '../common/logger';
import { BRIDGE_SOCKET_PATH, BRIDGE_TOKEN_PATH, type BridgeResponse } from './api';
import { BRIDGE_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from './bridge';
import { testHandlers } from './testing';
import type { SimulatedHardware } from './hardware';
import { createKioskServer, type KioskServer } from './server';

const TOKEN = 'test-token-0123456789abcdef';
let server: KioskServer;
let hardware: SimulatedHardware;
let port: number;

function appDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpk-app-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  return dir;
}

beforeAll(async () => {
  // A free port first, then the real server on it: the origin must be known before the bridge starts.
  const probe = await createKioskServer({ port: 0, appDir: appDir(), logger: silentLogger });
  port = Number(new URL(probe.url).port);
  await probe.close();
  const test = testHandlers('browser');
  hardware = test.hardware;
  const handlers = test.handlers;
  server = await createKioskServer({
    port,
    appDir: appDir(),
    logger: silentLogger,
    bridge: { handlers, token: TOKEN, port, logger: silentLogger },
  });
});

afterAll(async () => {
  await server.close();
});

function connect(token: string, origin = `http://127.0.0.1:${port}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `ws://127.0.0.1:${port}${BRIDGE_SOCKET_PATH}`,
      [BRIDGE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token],
      {
        origin,
      },
    );
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, input: unknown): Promise<BridgeResponse> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse((data as Buffer).toString('utf8')) as BridgeResponse;
      if (msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('browser-mode bridge', () => {
  it('answers KioskApi calls from the real handlers over the socket', async () => {
    const ws = await connect(TOKEN);
    hardware.printer.state = 'paper_out';
    const printer = await call(ws, 1, 'printer.status', {});
    expect(printer.result).toMatchObject({ ok: true, value: { state: 'paper_out', simulated: true } });
    const locker = await call(ws, 2, 'locker.status', {});
    expect(locker.result).toMatchObject({ ok: true, value: { compartments: 24, free: 24, state: 'ready' } });
    hardware.printer.state = 'ready';
    ws.close();
  });

  it('refuses a wrong token before the socket opens', async () => {
    await expect(connect('wrong-token-0123456789abcdef')).rejects.toThrow('HTTP 401');
  });

  it('refuses a page from another origin even with the right token', async () => {
    await expect(connect(TOKEN, 'http://evil.example')).rejects.toThrow('HTTP 401');
  });

  it('answers bad input and unknown methods with error values, and keeps serving', async () => {
    const ws = await connect(TOKEN);
    expect((await call(ws, 3, 'printer.status', { extra: 1 })).result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect((await call(ws, 4, 'door.openAll', {})).result).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    ws.send('not json');
    expect((await call(ws, 5, 'system.info', {})).result).toMatchObject({
      ok: true,
      value: { shell: 'browser' },
    });
    ws.close();
  });

  it('hands the token only to same-origin fetches', async () => {
    const base = `http://127.0.0.1:${port}`;
    const foreign = await fetch(base + BRIDGE_TOKEN_PATH, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(foreign.status).toBe(403);
    const same = await fetch(base + BRIDGE_TOKEN_PATH, { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(await same.json()).toEqual({ token: TOKEN });
  });
});

describe('kiosk origin server', () => {
  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const res = await server.app.inject({ url: '/', headers: { host: `evil.example:${port}` } });
    expect(res.statusCode).toBe(421);
  });

  it('serves the app with a CSP and revalidation for the shell, long caching for hashed assets', async () => {
    const host = `127.0.0.1:${port}`;
    const index = await server.app.inject({ url: '/', headers: { host } });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await server.app.inject({ url: '/assets/index-abc.js', headers: { host } });
    expect(asset.headers['cache-control']).toContain('immutable');
  });
});

describe('shutdown', () => {
  it('closes at once even when the page never answers the socket’s close handshake', async () => {
    const probe = await createKioskServer({ port: 0, appDir: appDir(), logger: silentLogger });
    const p = Number(new URL(probe.url).port);
    await probe.close();
    const { handlers } = testHandlers('browser');
    const own = await createKioskServer({
      port: p,
      appDir: appDir(),
      logger: silentLogger,
      bridge: { handlers, token: TOKEN, port: p, logger: silentLogger },
    });
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const c = new WebSocket(
        `ws://127.0.0.1:${p}${BRIDGE_SOCKET_PATH}`,
        [BRIDGE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + TOKEN],
        {
          origin: `http://127.0.0.1:${p}`,
        },
      );
      c.once('open', () => resolve(c));
      c.once('error', reject);
    });
    // A page busy reloading: it reads nothing, so it never answers a close frame.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const t0 = Date.now();
    await own.close();
    expect(Date.now() - t0).toBeLessThan(2000);
    ws.terminate();
  });
});
