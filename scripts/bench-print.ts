/**
 * Pickup-slip latency (ARCHITECTURE.md §9: the slip's bytes at the printer ≤ 1 s after the parcel is
 * stored). The kiosk calls `printer.print` right after the parcel's transaction commits
 * (app/store/parcels/intake.ts), so this measures from that call to the whole slip decoded at a
 * network printer: the page's bridge client → WebSocket bridge → handler → persistent print queue →
 * layout + GB18030 encoding → TCP 9100 → the capturing emulator (a real socket on 127.0.0.1).
 * It also reports when the kiosk hears "printed" (after the printer's DLE EOT status answer).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { BridgeClient } from '../app/platform/bridge-client';
import { silentLogger } from '../common/logger';
import { PrinterEmulator } from '../drivers/emulators/printer-emulator';
import { createHandlers } from '../kiosk-shell/handlers';
import { createRealHardware } from '../kiosk-shell/hardware';
import { createKioskServer } from '../kiosk-shell/server';
import { freePort } from '../tests/e2e/product';
import { fmt, stats, type Stats } from './bench-stats';
import { hardwareConfigSchema } from '../common/config';

const RUNS = Number(process.env.BENCH_PRINT_RUNS ?? 40);

export async function benchPrint(out: (line: string) => void): Promise<{ atPrinter: Stats; acked: Stats }> {
  const emulator = new PrinterEmulator({ paperWidthMm: 58 });
  const address = await emulator.listen();
  const dataDir = mkdtempSync(join(tmpdir(), 'vpk-bench-print-'));
  const appDir = mkdtempSync(join(tmpdir(), 'vpk-bench-app-'));
  writeFileSync(join(appDir, 'index.html'), '<!doctype html>');
  const hardware = await createRealHardware(
    hardwareConfigSchema.parse({
      printer: { target: `tcp://${address.host}:${address.port}`, paperWidthMm: 58 },
    }),
    dataDir,
    silentLogger,
  );
  const handlers = createHandlers({
    hardware,
    info: () => ({
      version: 'bench',
      shell: 'browser',
      simulate: false,
      locale: 'zh-CN',
      idleTimeoutSeconds: 90,
      enrolled: true,
    }),
  });
  const port = await freePort();
  const token = 'bench-token-aaaaaaaaaaaaaaaaaaaa';
  const server = await createKioskServer({
    port,
    appDir,
    logger: silentLogger,
    bridge: { handlers, token, port, logger: silentLogger },
  });
  const origin = `http://127.0.0.1:${port}`;
  const client = new BridgeClient({
    origin,
    // Node's fetch and ws are not a browser: add what Chromium sends on a same-origin call.
    fetchImpl: (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), 'sec-fetch-site': 'same-origin' },
      }),
    WebSocketImpl: class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { origin });
      }
    } as unknown as typeof globalThis.WebSocket,
  });
  const atPrinter: number[] = [];
  const acked: number[] = [];
  try {
    for (let i = 0; i < RUNS + 3; i++) {
      const before = emulator.printed.length;
      const code = String(100000 + i);
      const t0 = performance.now();
      let tPrinter = NaN;
      // Poll the capture tightly: a receipt counts when its whole job (cut included) was decoded.
      const watch = (async () => {
        while (emulator.printed.length === before) await new Promise((r) => setImmediate(r));
        tPrinter = performance.now() - t0;
      })();
      const result = await client.invoke('printer.print', {
        kind: 'pickup-slip',
        input: {
          point: { name: '张家湾村服务点' },
          code,
          place: { kind: 'compartment', id: 'A07', size: 'M' },
          carrier: '中通快递',
          waybill: `ZT7${String(i).padStart(9, '0')}`,
          recipientPhone: '139****5678',
          storedAt: new Date().toISOString(),
          keepDays: 7,
          qrPayload: `VPK1:P:cn-429005-t01-v01:${code}`,
        },
      });
      const tAck = performance.now() - t0;
      await watch;
      if (!result.ok) throw new Error(`print failed: ${result.error.code} ${result.error.message}`);
      if (!emulator.lastReceiptText()?.includes(code))
        throw new Error('the slip at the printer lacks its code');
      if (i >= 3) {
        // the first prints open the TCP connection and warm the JIT: a terminal prints all day
        atPrinter.push(tPrinter);
        acked.push(tAck);
      }
    }
  } finally {
    client.close();
    await server.close();
    await hardware.close();
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(appDir, { recursive: true, force: true });
  }
  const r = { atPrinter: stats(atPrinter), acked: stats(acked) };
  out(fmt('pickup slip: call → bytes at printer', '1000 ms', r.atPrinter));
  out(fmt('pickup slip: call → kiosk told printed', '', r.acked));
  return r;
}
