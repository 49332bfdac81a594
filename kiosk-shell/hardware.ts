/**
 * Which devices the handlers talk to, built from `kiosk.hardware` (common/config.ts).
 *
 * - Real (`kiosk.simulate` false): the LockerBank over a SerialTransport on the RS-485 adapter, and the
 *   ReceiptPrinter over the configured transport behind a persistent PrintQueue kept in
 *   `${dataDir}/kiosk/print-queue` (a job cut off by a power cut is offered for reprint, not repeated).
 *   A device that is not configured is absent, and its calls answer NOT_AVAILABLE.
 * - Simulated: the protocol-level emulators (drivers/emulators), which put the same real drivers on
 *   an in-memory wire, so `npm start` runs the production code path byte for byte. Their print queue
 *   lives in memory: the emulated paper is gone after a restart, so must be its reprint offers.
 *
 * Transports are opened here and nowhere deeper (STYLE.md: pass the transport in); tests inject them.
 * The transport modules are imported only for real hardware: they load serialport's native addon,
 * which simulation never needs (so `npm start` works where no prebuilt addon fits the machine).
 */
import { join } from 'node:path';
import { ConfigError, type HardwareConfig, type ProductConfig } from '../common/config';
import { silentLogger, type Logger } from '../common/logger';
import type { Clock } from '../drivers/clock';
import { SimulatedLockerBank } from '../drivers/emulators/simulated-lockers';
import { SimulatedPrinter } from '../drivers/emulators/simulated-printer';
import { BoardDriver } from '../drivers/locker/board-driver';
import { CompartmentMap, exampleLockerConfig, type LockerConfig } from '../drivers/locker/compartments';
import { LockerBank } from '../drivers/locker/locker-bank';
import { lockerProtocols } from '../drivers/locker/protocols';
import { PrintQueue } from '../drivers/printer/print-queue';
import type { PrinterTarget } from '../drivers/printer/printer-target';
import { FileQueueStore, MemoryQueueStore } from '../drivers/printer/queue-store';
import { ReceiptPrinter } from '../drivers/printer/receipt-printer';
import { SerialScanner } from '../drivers/scanner/serial-scanner';
import { SimulatedScanner } from '../drivers/scanner/simulated-scanner';
import type { ByteTransport } from '../drivers/transports/byte-transport';
import { LockerService } from './locker-service';
import { PrinterService } from './printer-service';
import { ScannerService } from './scanner-service';

export interface Hardware {
  readonly simulated: boolean;
  /** undefined: this terminal has no printer configured. */
  readonly printerService: PrinterService | undefined;
  /** undefined: this terminal has no locker bank configured. */
  readonly lockerService: LockerService | undefined;
  /** undefined: no serial scanner (keyboard-wedge scanners never reach the shell). */
  readonly scannerService: ScannerService | undefined;
  close(): Promise<void>;
}

/** The emulators stay reachable: tests and the bridge tests turn their knobs (paper out, a jammed lock). */
export interface SimulatedHardware extends Hardware {
  readonly printer: SimulatedPrinter;
  readonly lockers: SimulatedLockerBank;
  /** `scanner.read(code)` acts out a scan (also reachable as KioskApi scanner.simulate). */
  readonly scanner: SimulatedScanner;
  readonly printerService: PrinterService;
  readonly lockerService: LockerService;
  readonly scannerService: ScannerService;
}

/** Under simulation a door the kiosk opened swings shut by itself after this long, as a villager would. */
export const SIMULATED_DOOR_CLOSE_MS = 20_000;

export interface SimulationOptions {
  paperWidthMm?: 58 | 80;
  locker?: LockerConfig;
  /** null: opened doors stay open until a test closes them. */
  doorAutoCloseMs?: number | null;
  logger?: Logger;
}

export function createSimulatedHardware(opts: SimulationOptions = {}): SimulatedHardware {
  const logger = opts.logger ?? silentLogger;
  const printer = new SimulatedPrinter({ paperWidthMm: opts.paperWidthMm ?? 58 });
  const lockers = new SimulatedLockerBank({
    ...(opts.locker ? { config: opts.locker } : {}),
    autoCloseMs: opts.doorAutoCloseMs === undefined ? SIMULATED_DOOR_CLOSE_MS : opts.doorAutoCloseMs,
  });
  const printerService = new PrinterService({
    printer: printer.printer,
    queue: PrintQueue.open({ store: new MemoryQueueStore(), printer: printer.printer, logger }),
    model: printer.status().model,
    simulated: true,
    lastReceiptText: () => printer.lastReceiptText(),
    close: () => printer.printer.close(),
  });
  const lockerService = new LockerService({
    bank: lockers.bank,
    simulated: true,
    logger,
    close: async () => {
      lockers.emulator.dispose();
      await lockers.driver.close();
    },
  });
  const scanner = new SimulatedScanner();
  const scannerService = new ScannerService({
    scanner: scanner.scanner,
    simulated: true,
    feed: (code) => scanner.read(code),
    close: () => scanner.close(),
  });
  return {
    simulated: true,
    printer,
    lockers,
    scanner,
    printerService,
    lockerService,
    scannerService,
    close: () => closeAll(printerService, lockerService, scannerService),
  };
}

export interface RealHardwareDeps {
  /** Default: a SerialTransport that reconnects when the adapter comes back. */
  openLockerTransport?: (path: string, baudRate: number) => ByteTransport;
  /** Default: drivers/printer/printer-target.ts (TCP, serial or a file/device path). */
  openPrinterTransport?: (target: PrinterTarget) => ByteTransport;
  /** Default: a SerialTransport that reconnects when the scanner is plugged back in. */
  openScannerTransport?: (path: string, baudRate: number) => ByteTransport;
  clock?: Clock;
}

export async function createRealHardware(
  hw: HardwareConfig,
  dataDir: string,
  logger: Logger,
  deps: RealHardwareDeps = {},
): Promise<Hardware> {
  const printerService =
    hw.printer.target === undefined
      ? undefined
      : await openPrinter(hw.printer.target, hw.printer.paperWidthMm, dataDir, logger, deps);
  let lockerService: LockerService | undefined;
  let scannerService: ScannerService | undefined;
  try {
    lockerService = hw.locker.port === undefined ? undefined : await openLockers(hw.locker, logger, deps);
    scannerService =
      hw.scanner.port === undefined
        ? undefined
        : await openScanner(hw.scanner.port, hw.scanner.baudRate, logger, deps);
  } catch (error) {
    await closeAll(printerService, lockerService); // a second start must find the ports free
    throw error;
  }
  return {
    simulated: false,
    printerService,
    lockerService,
    scannerService,
    close: () => closeAll(printerService, lockerService, scannerService),
  };
}

async function openScanner(
  path: string,
  baudRate: number,
  logger: Logger,
  deps: RealHardwareDeps,
): Promise<ScannerService> {
  const log = logger.child({ module: 'scanner' });
  const clock = deps.clock ? { clock: deps.clock } : {};
  const transport =
    deps.openScannerTransport?.(path, baudRate) ??
    new (await import('../drivers/transports/serial-transport')).SerialTransport({
      path,
      baudRate,
      reconnect: true,
      logger: log,
      ...clock,
    });
  const scanner = new SerialScanner(transport, clock);
  // The log shows the scanner is alive, not what it read: a pickup slip's QR carries a code that opens a door.
  scanner.onCode(({ code }) => log.info({ length: code.length }, 'serial scan'));
  return new ScannerService({
    scanner,
    simulated: false,
    ...clock,
    close: async () => {
      scanner.close();
      await transport.close();
    },
  });
}

function configError(setting: string, message: string): ConfigError {
  return new ConfigError(`配置有误 / invalid configuration:\n  setting "${setting}": ${message}`);
}

async function openPrinter(
  spec: string,
  paperWidthMm: 58 | 80,
  dataDir: string,
  logger: Logger,
  deps: RealHardwareDeps,
): Promise<PrinterService> {
  const { openPrinterTransport, parsePrinterTarget } = await import('../drivers/printer/printer-target');
  const target = parsePrinterTarget(spec);
  if (!target.ok) throw configError('kiosk.hardware.printer.target', target.error.message);
  const log = logger.child({ module: 'printer' });
  const clock = deps.clock ? { clock: deps.clock } : {};
  const transport =
    deps.openPrinterTransport?.(target.value) ??
    openPrinterTransport(target.value, { reconnect: true, logger: log, ...clock });
  const printer = new ReceiptPrinter({ transport, paperWidthMm, logger: log, ...clock });
  try {
    // Jobs cut off by the last power cut come back 'failed', offered for reprint (never reprinted).
    const queue = await PrintQueue.open({
      store: new FileQueueStore(join(dataDir, 'kiosk', 'print-queue'), log),
      printer,
      logger: log,
      ...clock,
    });
    return new PrinterService({
      printer,
      queue: Promise.resolve(queue),
      model: `ESC/POS ${paperWidthMm}mm ${transport.description}`,
      simulated: false,
      close: () => printer.close(),
    });
  } catch (error) {
    await printer.close();
    throw error;
  }
}

async function openLockers(
  locker: HardwareConfig['locker'],
  logger: Logger,
  deps: RealHardwareDeps,
): Promise<LockerService> {
  // loadConfig refuses this already; a map guessed for real boards could open the wrong door.
  if (locker.port === undefined || locker.compartments === undefined) {
    throw configError('kiosk.hardware.locker.compartments', 'required for a real locker bank');
  }
  const map = new CompartmentMap({ protocol: locker.protocol, compartments: locker.compartments });
  const protocol = lockerProtocols[locker.protocol];
  const baudRate = locker.baudRate ?? protocol.baudRate;
  const log = logger.child({ module: 'locker' });
  const clock = deps.clock ? { clock: deps.clock } : {};
  const transport =
    deps.openLockerTransport?.(locker.port, baudRate) ??
    new (await import('../drivers/transports/serial-transport')).SerialTransport({
      path: locker.port,
      baudRate,
      reconnect: true,
      logger: log,
      ...clock,
    });
  const driver = new BoardDriver({ transport, protocol, logger: log, ...clock });
  return new LockerService({
    bank: new LockerBank(driver, map, deps.clock, log),
    simulated: false,
    logger: log,
    ...clock,
    close: () => driver.close(),
  });
}

/** The hardware `config` asks for: emulators under `kiosk.simulate`, else the configured devices. */
export function createHardware(config: ProductConfig, logger: Logger): Promise<Hardware> {
  const hw = config.kiosk.hardware;
  if (config.kiosk.simulate) {
    return Promise.resolve(
      createSimulatedHardware({
        paperWidthMm: hw.printer.paperWidthMm,
        locker: {
          protocol: hw.locker.protocol,
          compartments: hw.locker.compartments ?? exampleLockerConfig(hw.locker.protocol).compartments,
        },
        logger,
      }),
    );
  }
  return createRealHardware(hw, config.dataDir, logger);
}

async function closeAll(...services: ({ close(): Promise<void> } | undefined)[]): Promise<void> {
  await Promise.all(services.map((s) => s?.close() ?? Promise.resolve()));
}
