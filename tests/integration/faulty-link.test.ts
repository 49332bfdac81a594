/** The fault-injecting link is test equipment: prove it does what the fault campaign relies on. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultyLink, type FaultyLink } from '../support/faulty-link';

let target: Server;
let targetUrl: string;
let hits = 0;

beforeAll(async () => {
  target = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ hit: hits, padding: 'x'.repeat(2000) }));
    });
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => target.close(() => r())));

async function withLink(
  opts: Parameters<typeof startFaultyLink>[0],
  fn: (link: FaultyLink) => Promise<void>,
) {
  const link = await startFaultyLink(opts);
  try {
    await fn(link);
  } finally {
    await link.close();
  }
}

describe('faulty link', () => {
  it('passes requests through untouched when no fault is drawn', async () => {
    await withLink({ target: () => targetUrl }, async (link) => {
      const res = await fetch(`${link.url}/x`, { method: 'POST', body: 'hello' });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { padding: string }).padding).toHaveLength(2000);
    });
  });

  it('drop-response: the server handled the request but the client sees a dead connection', async () => {
    await withLink({ target: () => targetUrl, faultRate: 1, faults: ['drop-response'] }, async (link) => {
      const before = hits;
      await expect(fetch(`${link.url}/x`, { method: 'POST', body: '{}' })).rejects.toThrow();
      expect(hits).toBe(before + 1);
    });
  });

  it('drop-request: the server never sees it', async () => {
    await withLink({ target: () => targetUrl, faultRate: 1, faults: ['drop-request'] }, async (link) => {
      const before = hits;
      await expect(fetch(`${link.url}/x`)).rejects.toThrow();
      expect(hits).toBe(before);
    });
  });

  it('duplicate: the server sees the request twice', async () => {
    await withLink({ target: () => targetUrl, faultRate: 1, faults: ['duplicate'] }, async (link) => {
      const before = hits;
      await fetch(`${link.url}/x`, { method: 'POST', body: '{}' });
      expect(hits).toBe(before + 2);
    });
  });

  it('truncate and malformed answers cannot be read as the real answer', async () => {
    await withLink({ target: () => targetUrl, faultRate: 1, faults: ['truncate'] }, async (link) => {
      await expect(fetch(`${link.url}/x`).then((r) => r.json())).rejects.toThrow();
    });
    await withLink({ target: () => targetUrl, faultRate: 1, faults: ['malformed'] }, async (link) => {
      await expect(fetch(`${link.url}/x`).then((r) => r.json())).rejects.toThrow();
    });
  });

  it('throttles by bytes per second and round-trip time, and counts the bytes', async () => {
    await withLink({ target: () => targetUrl, bytesPerSecond: 20_000, rttMs: 200 }, async (link) => {
      const t0 = Date.now();
      await (await fetch(`${link.url}/x`)).text();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(200 + 90); // RTT + ~2 KB at 20 KB/s
      expect(link.bytesDown).toBeGreaterThan(2000);
    });
  });

  it('replays the same faults for the same seed', async () => {
    const run = async () => {
      let log: string[] = [];
      await withLink(
        { target: () => targetUrl, seed: 42, faultRate: 0.5, faults: ['delay', 'duplicate'] },
        async (link) => {
          for (let i = 0; i < 10; i++) await (await fetch(`${link.url}/x`)).text();
          log = link.log;
        },
      );
      return log;
    };
    expect(await run()).toEqual(await run());
  });
});
