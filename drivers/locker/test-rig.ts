/**
 * Test equipment shared by the locker unit tests: a driver and an emulated bus joined by an in-memory
 * wire, on a manual clock. Lives beside the code it serves; nothing in production imports it.
 */
import { ManualClock } from '../clock';
import { LockerEmulator } from '../emulators/locker-emulator';
import { createMemoryPair, type MemoryTransport } from '../transports/memory-transport';
import { BoardDriver, type DriverTiming } from './board-driver';
import { CompartmentMap, exampleLockerConfig } from './compartments';
import { LockerBank } from './locker-bank';
import type { ProtocolName } from './protocol';
import { lockerProtocols } from './protocols';

export interface Rig {
  clock: ManualClock;
  host: MemoryTransport;
  emulator: LockerEmulator;
  driver: BoardDriver;
  bank: LockerBank;
  /** Runs the clock forward until the promise settles (replies need no time; gaps and timeouts do). */
  settle: <T>(p: Promise<T>, maxMs?: number) => Promise<T>;
}

export function createRig(protocol: ProtocolName, timing: Partial<DriverTiming> = {}): Rig {
  const clock = new ManualClock();
  const [host, device] = createMemoryPair(protocol);
  const first = lockerProtocols[protocol].minBoard;
  const emulator = new LockerEmulator({ protocol, transport: device, boards: [first, first + 1], clock });
  const driver = new BoardDriver({ transport: host, protocol: lockerProtocols[protocol], timing, clock });
  const bank = new LockerBank(driver, new CompartmentMap(exampleLockerConfig(protocol)), clock);
  const settle = async <T>(p: Promise<T>, maxMs = 60_000): Promise<T> => {
    let done = false;
    const watched = p.finally(() => (done = true));
    for (let t = 0; !done && t < maxMs; t += 10) await clock.advance(10);
    return watched;
  };
  return { clock, host, emulator, driver, bank, settle };
}
