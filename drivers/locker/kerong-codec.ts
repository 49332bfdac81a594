/**
 * Kerong KR-CU16 lock control board (ARCHITECTURE.md §6). 19200 8N1.
 *
 *   request  02 AA CC 03 SS            AA = board<<4 | lock, SS = low byte of the sum of the first 4
 *            CC: 31 unlock, 30 status of one, 32 status of all
 *   reply    02 AA 35 H1 H2 I1 I2 03 SS
 *            H1 H2: latch bits, H1 = locks 1–8 (bit 0 = lock 1), H2 = locks 9–16; 1 = closed
 *            I1 I2: infrared occupancy bits in the same order; 1 = something in the compartment
 *
 * Every request is answered with the whole board's state, so an unlock is confirmed by the latch bit
 * of that lock reading open in its reply.
 *
 * Wire numbering: the low nibble is 0–15, i.e. lock 1 is nibble 0 (as in public KR-CU16 drivers);
 * configuration and people count locks 1–16. Boards are 0–15 (the high nibble).
 */
import { sumLowByte, type FrameSpec } from './frame-scanner';
import { bitAt, bitsToBytes, type BoardReading, type LockerProtocol } from './protocol';

export const STX = 0x02;
export const ETX = 0x03;
export const CMD_STATUS_ONE = 0x30;
export const CMD_UNLOCK = 0x31;
export const CMD_STATUS_ALL = 0x32;
export const REPLY_STATUS = 0x35;
/** Seen in public drivers as the reply to a bus-wide status request; accepted as a status reply too. */
export const REPLY_STATUS_ALL = 0x36;
export const KERONG_LOCKS_PER_BOARD = 16;

export const address = (board: number, lock: number): number => ((board & 0x0f) << 4) | ((lock - 1) & 0x0f);

function request(aa: number, cc: number): Uint8Array {
  const f = Uint8Array.of(STX, aa, cc, ETX, 0);
  f[4] = sumLowByte(f, 4);
  return f;
}

export const encodeUnlock = (board: number, lock: number) => request(address(board, lock), CMD_UNLOCK);
export const encodeStatusOne = (board: number, lock: number) => request(address(board, lock), CMD_STATUS_ONE);
export const encodeStatusAll = (board: number) => request(address(board, 1), CMD_STATUS_ALL);

/** `closed[0]` / `occupied[0]` are lock 1. */
export function encodeStatusReply(
  aa: number,
  closed: readonly boolean[],
  occupied: readonly boolean[],
): Uint8Array {
  const [h1, h2] = bitsToBytes(closed, 2) as [number, number];
  const [i1, i2] = bitsToBytes(occupied, 2) as [number, number];
  const f = Uint8Array.of(STX, aa, REPLY_STATUS, h1, h2, i1, i2, ETX, 0);
  f[8] = sumLowByte(f, 8);
  return f;
}

export type KerongRequest =
  | { kind: 'unlock'; board: number; lock: number; aa: number }
  | { kind: 'status-one'; board: number; lock: number; aa: number }
  | { kind: 'status-all'; board: number; lock: number; aa: number };

export function decodeRequest(f: Uint8Array): KerongRequest | undefined {
  const aa = f[1]!;
  const where = { board: aa >> 4, lock: (aa & 0x0f) + 1, aa };
  switch (f[2]) {
    case CMD_UNLOCK:
      return { kind: 'unlock', ...where };
    case CMD_STATUS_ONE:
      return { kind: 'status-one', ...where };
    case CMD_STATUS_ALL:
      return { kind: 'status-all', ...where };
    default:
      return undefined;
  }
}

export const requestSpec: FrameSpec = {
  length: 5,
  isHeader: (b) => b === STX,
  isValid: (f) => f[3] === ETX && sumLowByte(f, 4) === f[4],
};

const replySpec: FrameSpec = {
  length: 9,
  isHeader: (b) => b === STX,
  isValid: (f) =>
    (f[2] === REPLY_STATUS || f[2] === REPLY_STATUS_ALL) && f[7] === ETX && sumLowByte(f, 8) === f[8],
};

export function decodeStatusReply(f: Uint8Array): BoardReading {
  const latches = [f[3]!, f[4]!];
  const infrared = [f[5]!, f[6]!];
  return {
    board: f[1]! >> 4,
    locks: Array.from({ length: KERONG_LOCKS_PER_BOARD }, (_, i) => ({
      lock: i + 1,
      closed: bitAt(latches, i),
      occupied: bitAt(infrared, i),
    })),
  };
}

function forBoard(board: number, f: Uint8Array): BoardReading | undefined {
  const reading = decodeStatusReply(f);
  return reading.board === board ? reading : undefined;
}

export const kerongProtocol: LockerProtocol = {
  name: 'kerong',
  baudRate: 19200,
  locksPerBoard: KERONG_LOCKS_PER_BOARD,
  minBoard: 0,
  maxBoard: 15,
  requestSpec,
  open: (board, lock) => ({
    request: encodeUnlock(board, lock),
    reply: replySpec,
    interpret: (f) => {
      const r = forBoard(board, f);
      return r && { released: !r.locks[lock - 1]!.closed };
    },
  }),
  queryDoor: (board, lock) => ({
    request: encodeStatusOne(board, lock),
    reply: replySpec,
    interpret: (f) => forBoard(board, f)?.locks[lock - 1],
  }),
  queryBoard: (board) => ({
    request: encodeStatusAll(board),
    reply: replySpec,
    interpret: (f) => forBoard(board, f),
  }),
  // §6 lists no unlock-all for KR-CU16: the driver opens the locks one at a time, each confirmed.
  openAll: () => null,
};
