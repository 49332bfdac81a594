/**
 * The renderer's bridge client against the real bridge server: the browser-mode half of
 * "UI → transport → handler → result" (the Electron half is kiosk-shell/electron-ipc.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { silentLogger } from '../../common/logger';
import { BridgeClient } from '../../app/platform/bridge-client';
import { testHandlers } from '../../kiosk-shell/testing';
import { createKioskServer, type KioskServer } from '../../kiosk-shell/server';

async function freePort(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vpk-app-'));
  const probe = await createKioskServer({ port: 0, appDir: dir, logger: silentLogger });
  const port = Number(new URL(probe.url).port);
  await probe.close();
  return port;
}

async function startBridge(port: number, token: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vpk-app-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  const { handlers, hardware } = testHandlers('browser');
  const server = await createKioskServer({
    port,
    appDir: dir,
    logger: silentLogger,
    bridge: { handlers, token, port, logger: silentLogger },
  });
  return { server, hardware };
}

/** Node's fetch is not a browser: add the header Chromium sends on a same-origin fetch. */
const sameOriginFetch: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    headers: { ...(init?.headers as Record<string, string>), 'sec-fetch-site': 'same-origin' },
  });

/** ws needs the Origin header set explicitly; a browser sets it itself. */
const originWs = (origin: string) =>
  class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { origin });
    }
  } as unknown as typeof globalThis.WebSocket;

describe('BridgeClient ↔ bridge server', () => {
  let server: KioskServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('carries a call to the handlers and brings the result back', async () => {
    const port = await freePort();
    const started = await startBridge(port, 'token-aaaaaaaaaaaaaaaaaaaaaaaa');
    server = started.server;
    started.hardware.printer.state = 'cover_open';
    const origin = `http://127.0.0.1:${port}`;
    const client = new BridgeClient({ origin, fetchImpl: sameOriginFetch, WebSocketImpl: originWs(origin) });
    const result = await client.invoke('printer.status', {});
    expect(result).toMatchObject({ ok: true, value: { state: 'cover_open' } });
    expect(client.state).toBe('open');
    client.close();
  });

  it('answers DISCONNECTED instead of hanging when the shell is gone, and reconnects when it returns', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const client = new BridgeClient({
      origin,
      fetchImpl: sameOriginFetch,
      WebSocketImpl: originWs(origin),
      reconnectMs: 50,
    });
    const down = await client.invoke('locker.status', {});
    expect(down).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });

    // The shell restarts with a new per-start token; the client fetches it again.
    server = (await startBridge(port, 'token-bbbbbbbbbbbbbbbbbbbbbbbb')).server;
    await vi.waitFor(
      async () => expect(await client.invoke('locker.status', {})).toMatchObject({ ok: true }),
      {
        timeout: 5000,
        interval: 100,
      },
    );
    client.close();
  });
});
