/**
 * The locker bank under `--simulate`: protocol-level board emulators on one end of an in-memory wire,
 * the real BoardDriver and LockerBank on the other — the same code path as a real RS-485 bus, minus
 * the cable. `summary()` answers at once from the emulated boards for the status bar; `bank` is the
 * LockerBank the handlers use to open doors; `emulator` is the villager's hand (close a door, jam a
 * lock, silence a board) for the operator screen and tests.
 */
import { BoardDriver } from '../locker/board-driver';
import {
  CompartmentMap,
  exampleLockerConfig,
  type CompartmentSize,
  type LockerConfig,
} from '../locker/compartments';
import { LockerBank, type DoorState } from '../locker/locker-bank';
import type { ProtocolName } from '../locker/protocol';
import { lockerProtocols } from '../locker/protocols';
import { createMemoryPair } from '../transports/memory-transport';
import { LockerEmulator } from './locker-emulator';

export type { CompartmentSize };

export interface SimulatedCompartment {
  id: string;
  board: number;
  lock: number;
  size: CompartmentSize;
  door: DoorState;
  occupied: boolean;
  outOfService: boolean;
}

export interface SimulatedLockerOptions {
  protocol?: ProtocolName;
  config?: LockerConfig;
  /** Doors opened by the kiosk swing shut by themselves after this long (default: stay open). */
  autoCloseMs?: number | null;
}

export class SimulatedLockerBank {
  readonly config: LockerConfig;
  readonly emulator: LockerEmulator;
  readonly driver: BoardDriver;
  readonly bank: LockerBank;

  constructor(opts: SimulatedLockerOptions = {}) {
    this.config = opts.config ?? exampleLockerConfig(opts.protocol ?? 'generic');
    const map = new CompartmentMap(this.config);
    const [host, device] = createMemoryPair('simulated-lockers');
    this.emulator = new LockerEmulator({
      protocol: this.config.protocol,
      transport: device,
      boards: map.boards(),
      autoCloseMs: opts.autoCloseMs ?? null,
    });
    this.driver = new BoardDriver({ transport: host, protocol: lockerProtocols[this.config.protocol] });
    this.bank = new LockerBank(this.driver, map);
  }

  /** Every compartment as the emulated boards have it now. */
  get compartments(): SimulatedCompartment[] {
    return this.config.compartments.map((c) => {
      const board = this.emulator.boards.get(c.board);
      const lock = board?.locks[c.lock - 1];
      return {
        id: c.id,
        board: c.board,
        lock: c.lock,
        size: c.size,
        door: !lock || board?.silent ? 'unknown' : lock.closed ? 'closed' : 'open',
        occupied: lock?.occupied ?? false,
        outOfService: c.disabled || !lock || !!board?.silent || lock.jammed,
      };
    });
  }

  summary(): { compartments: number; free: number; outOfService: number } {
    const all = this.compartments;
    const inService = all.filter((c) => !c.outOfService);
    return {
      compartments: all.length,
      free: inService.filter((c) => !c.occupied).length,
      outOfService: all.length - inService.length,
    };
  }
}
