/**
 * Locker boards acted out at the protocol level, on the device end of a ByteTransport: a socat PTY in
 * the integration tests, an in-memory pair under `--simulate`. Both protocols of ARCHITECTURE.md §6;
 * several boards on one bus by address, each answering only its own frames.
 *
 * Besides the happy path it can misbehave on purpose: a lock that does not release, a board that
 * stays silent, a reply lost on the wire (the lock DID fire — the case the driver must not retry),
 * a corrupted reply, and garbage on the line.
 */
import { silentLogger, type Logger } from '../../common/logger';
import { systemClock, type Clock } from '../clock';
import { FrameScanner, hex } from '../locker/frame-scanner';
import * as generic from '../locker/generic-codec';
import * as kerong from '../locker/kerong-codec';
import type { ProtocolName } from '../locker/protocol';
import { lockerProtocols } from '../locker/protocols';
import type { ByteTransport } from '../transports/byte-transport';

export interface EmulatedLock {
  closed: boolean;
  /** The lock does not release when told to (a jammed bolt, a burnt solenoid). */
  jammed: boolean;
  /** Something inside (Kerong reports it through its infrared sensors). */
  occupied: boolean;
  /** How many times this lock actually fired — tests assert an open was sent once. */
  fired: number;
}

export interface EmulatedBoard {
  address: number;
  silent: boolean;
  locks: EmulatedLock[];
}

export interface LockerEmulatorOptions {
  protocol: ProtocolName;
  transport: ByteTransport;
  /** Board addresses on this bus. */
  boards: number[];
  /** Delay before a board answers (0: at once). */
  replyDelayMs?: number;
  /** A door opened by the board swings shut by itself after this long (null: stays open). */
  autoCloseMs?: number | null;
  clock?: Clock;
  logger?: Logger;
}

export class LockerEmulator {
  readonly protocol: ProtocolName;
  readonly boards = new Map<number, EmulatedBoard>();
  /** Every request frame received, for assertions on the wire traffic. */
  readonly received: Uint8Array[] = [];
  private readonly scanner: FrameScanner;
  private dropReplies = 0;
  private corruptReplies = 0;
  private readonly offData: () => void;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly opts: LockerEmulatorOptions) {
    this.protocol = opts.protocol;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    const p = lockerProtocols[opts.protocol];
    for (const address of opts.boards) {
      const locks = Array.from({ length: p.locksPerBoard }, () => ({
        closed: true,
        jammed: false,
        occupied: false,
        fired: 0,
      }));
      this.boards.set(address, { address, silent: false, locks });
    }
    this.scanner = new FrameScanner(p.requestSpec);
    this.offData = opts.transport.onData((bytes) => {
      for (const frame of this.scanner.push(bytes)) this.handle(frame);
    });
  }

  lock(board: number, lock: number): EmulatedLock {
    const l = this.boards.get(board)?.locks[lock - 1];
    if (!l) throw new RangeError(`no emulated lock ${board}/${lock}`);
    return l;
  }

  /** A villager pushes the door shut. */
  closeDoor(board: number, lock: number): void {
    this.lock(board, lock).closed = true;
  }

  setJammed(board: number, lock: number, jammed = true): void {
    this.lock(board, lock).jammed = jammed;
  }

  setOccupied(board: number, lock: number, occupied = true): void {
    this.lock(board, lock).occupied = occupied;
  }

  setSilent(board: number, silent = true): void {
    const b = this.boards.get(board);
    if (!b) throw new RangeError(`no emulated board ${board}`);
    b.silent = silent;
  }

  /** The next `n` replies are lost on the wire — after the board has acted on the request. */
  loseNextReplies(n = 1): void {
    this.dropReplies += n;
  }

  /** The next `n` replies arrive with a wrong checksum. */
  corruptNextReplies(n = 1): void {
    this.corruptReplies += n;
  }

  /** Puts raw bytes on the bus, as a noisy line or a misbehaving device would. */
  async injectGarbage(bytes: Uint8Array): Promise<void> {
    await this.opts.transport.write(bytes);
  }

  dispose(): void {
    this.offData();
  }

  private handle(frame: Uint8Array): void {
    this.received.push(frame);
    const reply = this.protocol === 'generic' ? this.handleGeneric(frame) : this.handleKerong(frame);
    if (!reply) return;
    if (this.dropReplies > 0) {
      this.dropReplies--;
      this.logger.debug({ reply: hex(reply) }, 'emulator: reply lost on purpose');
      return;
    }
    if (this.corruptReplies > 0) {
      this.corruptReplies--;
      reply[reply.length - 1] = reply[reply.length - 1]! ^ 0xff;
    }
    const send = () => void this.opts.transport.write(reply);
    const delay = this.opts.replyDelayMs ?? 0;
    if (delay > 0) this.clock.setTimer(send, delay);
    else send();
  }

  private fire(board: EmulatedBoard, lockNo: number): boolean {
    const lock = board.locks[lockNo - 1];
    if (!lock || lock.jammed) return false;
    lock.fired++;
    lock.closed = false;
    const autoClose = this.opts.autoCloseMs;
    if (autoClose != null) this.clock.setTimer(() => (lock.closed = true), autoClose);
    return true;
  }

  private handleGeneric(frame: Uint8Array): Uint8Array | undefined {
    const req = generic.decodeRequest(frame);
    const board = req && this.boards.get(req.board);
    if (!req || !board || board.silent) return undefined;
    const closed = board.locks.map((l) => l.closed);
    switch (req.kind) {
      case 'open':
        return generic.encodeOpenReply(req.board, req.lock, this.fire(board, req.lock));
      case 'open-all':
        board.locks.forEach((_, i) => this.fire(board, i + 1));
        return undefined; // §6 defines no reply to open-all
      case 'query':
        return generic.encodeQueryReply(req.board, req.lock, board.locks[req.lock - 1]?.closed ?? true);
      case 'query-all':
        return generic.encodeQueryAllReply(req.board, closed);
    }
  }

  private handleKerong(frame: Uint8Array): Uint8Array | undefined {
    const req = kerong.decodeRequest(frame);
    const board = req && this.boards.get(req.board);
    if (!req || !board || board.silent) return undefined;
    if (req.kind === 'unlock') this.fire(board, req.lock);
    return kerong.encodeStatusReply(
      req.aa,
      board.locks.map((l) => l.closed),
      board.locks.map((l) => l.occupied),
    );
  }
}
