/**
 * A bad village link between a kiosk and the county, as a real HTTP proxy on 127.0.0.1.
 * Faults are drawn from a seeded generator, so a failing run can be replayed with its seed:
 *
 *   drop-request     the connection dies before the county sees the request
 *   drop-response    the county handled (and committed) the request, the answer never arrives
 *   truncate         the answer is cut off mid-body
 *   duplicate        the request reaches the county twice (a retrying middlebox)
 *   stale            the answer to an earlier request of the same path is replayed instead
 *   malformed        the answer is replaced by something that is not the protocol
 *   delay            the answer arrives late
 *
 * It can also throttle (bytes per second each way, plus a round-trip delay) for the benchmarks.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from '../../common/prng';

export type Fault =
  'drop-request' | 'drop-response' | 'truncate' | 'duplicate' | 'stale' | 'malformed' | 'delay';

export { mulberry32 };

export interface FaultyLinkOptions {
  /** Where requests go, e.g. http://127.0.0.1:8600. May change (county restarted on a new port). */
  target: () => string;
  seed?: number;
  /** Probability that a request suffers a fault; the kind is drawn uniformly from `faults`. */
  faultRate?: number;
  faults?: Fault[];
  /** Throttle: bytes per second each way (0 = unlimited) and added round-trip time in ms. */
  bytesPerSecond?: number;
  rttMs?: number;
}

interface Captured {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface FaultyLink {
  url: string;
  /** What happened, in order: for the assertion message of a failing seed. */
  log: string[];
  bytesUp: number;
  bytesDown: number;
  setFaultRate(rate: number): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<Captured> {
  const url = new URL(req.url ?? '/', target);
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      url,
      {
        method: req.method,
        headers: { ...req.headers, host: url.host, 'content-length': String(body.length) },
      },
      (res) => {
        void readBody(res).then(
          (b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }),
          reject,
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export async function startFaultyLink(opts: FaultyLinkOptions): Promise<FaultyLink> {
  const random = mulberry32(opts.seed ?? 1);
  let faultRate = opts.faultRate ?? 0;
  const faults = opts.faults ?? [
    'drop-request',
    'drop-response',
    'truncate',
    'duplicate',
    'stale',
    'malformed',
    'delay',
  ];
  const lastAnswer = new Map<string, Captured>();
  const link: FaultyLink = {
    url: '',
    log: [],
    bytesUp: 0,
    bytesDown: 0,
    setFaultRate: (r) => (faultRate = r),
    close: () => Promise.resolve(),
  };
  const transferMs = (bytes: number) => (opts.bytesPerSecond ? (bytes / opts.bytesPerSecond) * 1000 : 0);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    link.bytesUp += body.length + 200; // ~200 bytes of request line and headers on the wire
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const fault: Fault | undefined =
      random() < faultRate ? faults[Math.floor(random() * faults.length)] : undefined;
    link.log.push(`${req.method} ${req.url} ${fault ?? 'ok'}`);
    await sleep((opts.rttMs ?? 0) / 2 + transferMs(body.length));
    if (fault === 'drop-request') return res.socket?.destroy();

    let answer: Captured;
    try {
      answer = await forward(opts.target(), req, body);
      if (fault === 'duplicate') answer = await forward(opts.target(), req, body);
    } catch {
      return res.socket?.destroy(); // the county is down: the kiosk sees a dead connection
    }
    const stale = lastAnswer.get(path);
    lastAnswer.set(path, answer);
    if (fault === 'drop-response') return res.socket?.destroy();
    if (fault === 'stale' && stale) answer = stale;
    if (fault === 'delay') await sleep(50 + random() * 500);
    await sleep((opts.rttMs ?? 0) / 2 + transferMs(answer.body.length));
    link.bytesDown += answer.body.length + 200;

    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    if (fault === 'malformed') {
      const junk = Buffer.from('{"acks":"surprise","changes":[{"entity":');
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(junk.length) });
      return res.end(junk);
    }
    res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
    if (fault === 'truncate') {
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      return res.socket?.destroy();
    }
    res.end(answer.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  link.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  link.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return link;
}
