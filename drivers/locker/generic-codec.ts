/**
 * The generic "8A/80" locker board sold by many Chinese makers (ARCHITECTURE.md §6). 9600 8N1.
 * Requests and most replies are 5 bytes `[head][board][lock][fn|status][xor of the first 4]`:
 *
 *   open        8A bb ll 11 cs  →  8A bb ll ss cs   ss: 00 opened, 11 failed
 *   open all    8A bb 00 11 cs     (no reply defined; the board fires its locks one after another)
 *   query one   80 bb ll 33 cs  →  80 bb ll ss cs   ss: 11 closed, 00 open
 *   query all   80 bb 00 33 cs  →  80 bb g3 g2 g1 33 cs   (7 bytes, cs = xor of the first 6;
 *                                  g1 = locks 1–8, bit 0 = lock 1; 1 = closed)
 *
 * Worked example (a test): `8A 01 01 11 9B` → `8A 01 01 00 8A`.
 * Locks are numbered 1–24 on the wire as in configuration; lock 00 means "all".
 */
import { xorOf, type FrameSpec } from './frame-scanner';
import { bitAt, bitsToBytes, type BoardReading, type LockerProtocol } from './protocol';

export const HEAD_OPEN = 0x8a;
export const HEAD_QUERY = 0x80;
export const FN_OPEN = 0x11;
export const FN_QUERY = 0x33;
export const ST_OPENED = 0x00;
export const ST_FAILED = 0x11;
export const ST_CLOSED = 0x11;
export const ST_OPEN = 0x00;
export const GENERIC_LOCKS_PER_BOARD = 24;

function frame5(head: number, board: number, lock: number, fn: number): Uint8Array {
  const f = Uint8Array.of(head, board, lock, fn, 0);
  f[4] = xorOf(f, 4);
  return f;
}

export const encodeOpen = (board: number, lock: number) => frame5(HEAD_OPEN, board, lock, FN_OPEN);
export const encodeOpenAll = (board: number) => frame5(HEAD_OPEN, board, 0, FN_OPEN);
export const encodeQuery = (board: number, lock: number) => frame5(HEAD_QUERY, board, lock, FN_QUERY);
export const encodeQueryAll = (board: number) => frame5(HEAD_QUERY, board, 0, FN_QUERY);

export const encodeOpenReply = (board: number, lock: number, opened: boolean) =>
  frame5(HEAD_OPEN, board, lock, opened ? ST_OPENED : ST_FAILED);
export const encodeQueryReply = (board: number, lock: number, closed: boolean) =>
  frame5(HEAD_QUERY, board, lock, closed ? ST_CLOSED : ST_OPEN);

/** `closed[0]` is lock 1. */
export function encodeQueryAllReply(board: number, closed: readonly boolean[]): Uint8Array {
  const [g1, g2, g3] = bitsToBytes(closed, 3) as [number, number, number];
  const f = Uint8Array.of(HEAD_QUERY, board, g3, g2, g1, FN_QUERY, 0);
  f[6] = xorOf(f, 6);
  return f;
}

export type GenericRequest =
  | { kind: 'open'; board: number; lock: number }
  | { kind: 'open-all'; board: number }
  | { kind: 'query'; board: number; lock: number }
  | { kind: 'query-all'; board: number };

/** Reads a request frame (emulator side); undefined for a valid frame that is not a known request. */
export function decodeRequest(f: Uint8Array): GenericRequest | undefined {
  const [head, board, lock, fn] = f as unknown as [number, number, number, number];
  if (head === HEAD_OPEN && fn === FN_OPEN) {
    return lock === 0 ? { kind: 'open-all', board } : { kind: 'open', board, lock };
  }
  if (head === HEAD_QUERY && fn === FN_QUERY) {
    return lock === 0 ? { kind: 'query-all', board } : { kind: 'query', board, lock };
  }
  return undefined;
}

const spec5 = (heads: readonly number[]): FrameSpec => ({
  length: 5,
  isHeader: (b) => heads.includes(b),
  isValid: (f) => xorOf(f, 4) === f[4],
});

export const requestSpec = spec5([HEAD_OPEN, HEAD_QUERY]);
const openReplySpec = spec5([HEAD_OPEN]);
const queryReplySpec = spec5([HEAD_QUERY]);
const queryAllReplySpec: FrameSpec = {
  length: 7,
  isHeader: (b) => b === HEAD_QUERY,
  isValid: (f) => f[5] === FN_QUERY && xorOf(f, 6) === f[6],
};

export function decodeQueryAllReply(f: Uint8Array): BoardReading {
  const bits = [f[4]!, f[3]!, f[2]!]; // g1 g2 g3
  return {
    board: f[1]!,
    locks: Array.from({ length: GENERIC_LOCKS_PER_BOARD }, (_, i) => ({
      lock: i + 1,
      closed: bitAt(bits, i),
    })),
  };
}

export const genericProtocol: LockerProtocol = {
  name: 'generic',
  baudRate: 9600,
  locksPerBoard: GENERIC_LOCKS_PER_BOARD,
  minBoard: 1,
  maxBoard: 255,
  requestSpec,
  open: (board, lock) => ({
    request: encodeOpen(board, lock),
    reply: openReplySpec,
    interpret: (f) => {
      if (f[1] !== board || f[2] !== lock) return undefined;
      if (f[3] === ST_OPENED) return { released: true };
      if (f[3] === ST_FAILED) return { released: false };
      return undefined;
    },
  }),
  queryDoor: (board, lock) => ({
    request: encodeQuery(board, lock),
    reply: queryReplySpec,
    interpret: (f) => {
      if (f[1] !== board || f[2] !== lock) return undefined;
      if (f[3] === ST_CLOSED) return { lock, closed: true };
      if (f[3] === ST_OPEN) return { lock, closed: false };
      return undefined;
    },
  }),
  queryBoard: (board) => ({
    request: encodeQueryAll(board),
    reply: queryAllReplySpec,
    interpret: (f) => (f[1] === board ? decodeQueryAllReply(f) : undefined),
  }),
  openAll: (board) => ({ request: encodeOpenAll(board), reply: null, interpret: () => undefined }),
};
