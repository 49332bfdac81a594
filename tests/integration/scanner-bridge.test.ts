/**
 * A serial scan reaching the page in browser mode: the simulated scanner's bytes → SerialScanner →
 * ScannerService → the real bridge → BridgeClient → the page's shared poll (app/platform/scans.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { silentLogger } from '../../common/logger';
import { BridgeClient } from '../../app/platform/bridge-client';
import { listenForSerialScans } from '../../app/platform/scans';
import { testHandlers } from '../../kiosk-shell/testing';
import { createKioskServer, type KioskServer } from '../../kiosk-shell/server';

const TOKEN = 'token-scanner-aaaaaaaaaaaaaaaa';

const sameOriginFetch: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    headers: { ...(init?.headers as Record<string, string>), 'sec-fetch-site': 'same-origin' },
  });

const originWs = (origin: string) =>
  class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { origin });
    }
  } as unknown as typeof globalThis.WebSocket;

describe('serial scans through the browser-mode bridge', () => {
  let server: KioskServer;
  let client: BridgeClient;
  let hardware: ReturnType<typeof testHandlers>['hardware'];

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpk-app-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const built = testHandlers('browser');
    hardware = built.hardware;
    // Port 0 does not work here: the bridge checks the Host header against its fixed port.
    const probe = await createKioskServer({ port: 0, appDir: dir, logger: silentLogger });
    const port = Number(new URL(probe.url).port);
    await probe.close();
    server = await createKioskServer({
      port,
      appDir: dir,
      logger: silentLogger,
      bridge: { handlers: built.handlers, token: TOKEN, port, logger: silentLogger },
    });
    const origin = `http://127.0.0.1:${port}`;
    client = new BridgeClient({ origin, fetchImpl: sameOriginFetch, WebSocketImpl: originWs(origin) });
  });

  afterEach(async () => {
    client.close();
    await server.close();
    await hardware.close();
  });

  it('delivers each scanned code to every listener on the page', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const stopA = listenForSerialScans(client, (code) => a.push(code));
    const stopB = listenForSerialScans(client, (code) => b.push(code));
    // Wait until the page's poll is waiting in the shell, then scan.
    await vi.waitFor(() => expect(client.state).toBe('open'));
    await new Promise((r) => setTimeout(r, 100));
    await hardware.scanner.read('SF1234567890');
    await vi.waitFor(() => expect(a).toEqual(['SF1234567890']));
    await hardware.scanner.read('溯源码HB0042');
    await vi.waitFor(() => expect(a).toEqual(['SF1234567890', '溯源码HB0042']));
    expect(b).toEqual(a);
    stopA();
    stopB();
  });

  it('stops polling when the last listener goes, leaving later codes to the next screen', async () => {
    const got: string[] = [];
    const stop = listenForSerialScans(client, (code) => got.push(code));
    await vi.waitFor(() => expect(client.state).toBe('open'));
    await new Promise((r) => setTimeout(r, 100));
    stop();
    // The poll already waiting in the shell takes this one; nobody listens, so it is dropped.
    await hardware.scanner.read('6901234567892');
    await new Promise((r) => setTimeout(r, 200));
    // No poll follows it: this code stays in the shell for the next screen to ask for.
    await hardware.scanner.read('YT7788990011');
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual([]);
    expect(await client.invoke('scanner.next', { timeoutMs: 0 })).toMatchObject({
      ok: true,
      value: { code: 'YT7788990011' },
    });
  });
});
