/**
 * What the board driver needs from a locker protocol, whichever board is on the bus. Each operation is
 * an Exchange: the request bytes, the shape of the reply frame, and how to read a reply — which may
 * turn out to be a valid frame that answers something else (another board, another lock), and is then
 * ignored rather than taken for the answer.
 *
 * Locks are numbered from 1 for people and configuration; a codec maps them to its wire numbering.
 */
import type { FrameSpec } from './frame-scanner';

export type ProtocolName = 'generic' | 'kerong';

export interface LockReading {
  lock: number;
  closed: boolean;
  /** Infrared occupancy where the board has sensors (Kerong); undefined otherwise. */
  occupied?: boolean;
}

export interface BoardReading {
  board: number;
  /** One entry per lock the board can drive, lock 1 first. */
  locks: LockReading[];
}

export interface OpenReply {
  /** The board reports the lock released (generic: status 00; Kerong: latch bit reads open). */
  released: boolean;
}

export interface Exchange<T> {
  request: Uint8Array;
  /** The reply frame to wait for; null when the board does not answer this request. */
  reply: FrameSpec | null;
  /** The answer, or undefined when the frame is valid but answers a different request. */
  interpret(frame: Uint8Array): T | undefined;
}

export interface LockerProtocol {
  name: ProtocolName;
  baudRate: number;
  locksPerBoard: number;
  minBoard: number;
  maxBoard: number;
  /** Requests as the boards see them (for the emulators): fixed-length frames. */
  requestSpec: FrameSpec;
  open(board: number, lock: number): Exchange<OpenReply>;
  queryDoor(board: number, lock: number): Exchange<LockReading>;
  queryBoard(board: number): Exchange<BoardReading>;
  /**
   * The board's own open-all command, or null when the protocol has none in ARCHITECTURE.md §6 and
   * the driver opens the locks one by one instead.
   */
  openAll(board: number): Exchange<void> | null;
}

/** Bit i of `bytes` read as a little-endian bit field: bit 0 of byte 0 is lock 1. */
export function bitAt(bytes: readonly number[], index: number): boolean {
  return ((bytes[Math.floor(index / 8)] ?? 0) >> (index % 8)) % 2 === 1;
}

export function bitsToBytes(bits: readonly boolean[], byteCount: number): number[] {
  const out = new Array<number>(byteCount).fill(0);
  bits.forEach((b, i) => {
    if (b && i < byteCount * 8) out[Math.floor(i / 8)]! |= 1 << (i % 8);
  });
  return out;
}
