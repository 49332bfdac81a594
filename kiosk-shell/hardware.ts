/**
 * Which devices the handlers talk to. With `simulate` the emulators stand in for the printer and the
 * locker bank; otherwise the real drivers (built in the hardware issue) are wired here. Until a real
 * driver exists its calls answer NOT_AVAILABLE — the path UI → transport → handler → result is real.
 */
import { fail, ok, type LockerStatus, type PrinterStatus, type Result } from './api';
import { SimulatedLockerBank } from '../drivers/emulators/simulated-lockers';
import { SimulatedPrinter } from '../drivers/emulators/simulated-printer';

export interface Hardware {
  printerStatus(): Promise<Result<PrinterStatus>>;
  lockerStatus(): Promise<Result<LockerStatus>>;
  close(): Promise<void>;
}

export interface SimulatedHardware extends Hardware {
  printer: SimulatedPrinter;
  lockers: SimulatedLockerBank;
}

export function createSimulatedHardware(
  printer = new SimulatedPrinter(),
  lockers = new SimulatedLockerBank(),
): SimulatedHardware {
  return {
    printer,
    lockers,
    printerStatus: () => Promise.resolve(ok({ ...printer.status(), simulated: true })),
    lockerStatus: () => {
      const s = lockers.summary();
      const state = s.compartments === 0 ? 'offline' : s.outOfService > 0 ? 'degraded' : 'ready';
      return Promise.resolve(ok({ ...s, state, simulated: true }));
    },
    close: () => Promise.resolve(),
  };
}

export function createUnavailableHardware(): Hardware {
  return {
    printerStatus: () =>
      Promise.resolve(fail('NOT_AVAILABLE', '打印机驱动尚未接入 / printer driver not installed')),
    lockerStatus: () =>
      Promise.resolve(fail('NOT_AVAILABLE', '快递柜驱动尚未接入 / locker driver not installed')),
    close: () => Promise.resolve(),
  };
}
