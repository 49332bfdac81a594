/**
 * The serial port (USB-RS485 adapter for the locker bus, or a serial printer) as a ByteTransport.
 *
 * The port object is built by an injected factory, as serialport itself injects its binding: production
 * uses `serialport`, unit tests use `SerialPortMock`. Ports are opened by path (`SerialPort.list()`
 * needs udev, which a kiosk image may not have).
 *
 * Reconnect: when the adapter is pulled, the port closes with a `disconnected` error; we go to
 * 'unplugged' and poll-reopen the same path with exponential backoff until it is back. A fresh port
 * object is created for every attempt — a closed serialport stream cannot be reopened reliably.
 *
 * Presence watchdog: serialport does not always notice. A tty whose other end has gone can read as
 * end-of-file forever (serialport then retries the read in a loop and never closes), so while open we
 * also check every `presence.intervalMs` that the path still resolves to the device we opened — the
 * node of a pulled USB adapter disappears, a re-plugged one may come back as another device.
 */
import { realpathSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { silentLogger, type Logger } from '../../common/logger';
import { systemClock, type Clock } from '../clock';
import { describeError, fail, ok, type DriverResult } from '../result';
import { TransportBase, type ByteTransport } from './byte-transport';

/** The part of serialport's stream that we use; `SerialPort` and `SerialPortMock` both satisfy it. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (err: Error | null) => void): void;
  write(data: Buffer): boolean;
  drain(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  on(event: 'data', listener: (data: Buffer) => void): this;
  on(event: 'close', listener: (err?: Error | null) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  removeAllListeners(): this;
}

export type SerialPortFactory = (opts: { path: string; baudRate: number }) => SerialPortLike;

export const nodeSerialPortFactory: SerialPortFactory = ({ path, baudRate }) =>
  new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });

export interface SerialTransportOptions {
  path: string;
  baudRate: number;
  /** Keep trying to reopen after a failure or an unplug (default true). A CLI wants false: fail fast. */
  reconnect?: boolean;
  backoff?: { initialMs: number; maxMs: number };
  /** A write that is not drained by then is reported as a failure (default 2000 ms). */
  writeTimeoutMs?: number;
  portFactory?: SerialPortFactory;
  /** How the watchdog identifies the device behind the path (default: its real path; undefined = gone). */
  presence?: { intervalMs?: number; probe?: (path: string) => string | undefined };
  clock?: Clock;
  logger?: Logger;
}

export class SerialTransport extends TransportBase implements ByteTransport {
  readonly readable = true;
  readonly description: string;
  private port: SerialPortLike | undefined;
  private attempt = 0;
  private cancelRetry: (() => void) | undefined;
  private cancelWatch: (() => void) | undefined;
  private readonly opts: Required<Omit<SerialTransportOptions, 'logger' | 'presence'>> & {
    logger: Logger;
    presence: { intervalMs: number; probe: (path: string) => string | undefined };
  };

  constructor(options: SerialTransportOptions) {
    super();
    this.opts = {
      reconnect: true,
      backoff: { initialMs: 200, maxMs: 5_000 },
      writeTimeoutMs: 2_000,
      portFactory: nodeSerialPortFactory,
      clock: systemClock,
      logger: silentLogger,
      ...options,
      presence: { intervalMs: 500, probe: resolveDevice, ...options.presence },
    };
    this.description = `serial:${options.path}@${options.baudRate}`;
    this.openOnce();
  }

  write(bytes: Uint8Array): Promise<DriverResult<void>> {
    const port = this.port;
    if (this.currentState !== 'open' || !port?.isOpen) {
      return Promise.resolve(fail('BUS_UNPLUGGED', `串口未连接 / ${this.description} is ${this.state}`));
    }
    return new Promise((resolve) => {
      // A port that dies mid-write never calls back (observed on PTYs): the timer answers instead.
      const cancel = this.opts.clock.setTimer(
        () => resolve(fail('BUS_UNPLUGGED', `串口写入超时 / write to ${this.description} timed out`)),
        this.opts.writeTimeoutMs,
      );
      try {
        port.write(Buffer.from(bytes));
        port.drain((err) => {
          cancel();
          resolve(err ? fail('BUS_UNPLUGGED', `串口写入失败 / ${describeError(err)}`) : ok(undefined));
        });
      } catch (e) {
        cancel();
        resolve(fail('BUS_UNPLUGGED', `串口写入失败 / ${describeError(e)}`));
      }
    });
  }

  async close(): Promise<void> {
    this.setState('closed');
    this.cancelRetry?.();
    this.cancelWatch?.();
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    port?.removeAllListeners();
  }

  private openOnce(): void {
    const { path, baudRate, logger } = this.opts;
    const port = this.opts.portFactory({ path, baudRate });
    this.port = port;
    port.on('error', (err) => logger.warn({ err: describeError(err), path }, 'serial port error'));
    port.on('data', (data) => this.emitData(new Uint8Array(data)));
    port.on('close', (err) => {
      if (this.port !== port || this.currentState === 'closed') return;
      logger.warn({ path, err: err ? describeError(err) : undefined }, 'serial port closed (unplugged?)');
      this.drop(port);
    });
    port.open((err) => {
      if (this.currentState === 'closed') {
        if (!err) port.close();
        return;
      }
      if (err) {
        logger.debug({ path, err: describeError(err) }, 'serial port open failed');
        port.removeAllListeners();
        port.on('error', () => undefined);
        this.port = undefined;
        this.lost();
        return;
      }
      if (this.attempt > 0) logger.info({ path, attempts: this.attempt }, 'serial port is back');
      this.attempt = 0;
      this.setState('open');
      this.watch(port, this.opts.presence.probe(path));
    });
  }

  /** Forgets a dead port (closing it if serialport has not) and starts reconnecting. */
  private drop(port: SerialPortLike): void {
    this.cancelWatch?.();
    port.removeAllListeners();
    port.on('error', () => undefined); // a late error on a dead port must not crash the process
    if (port.isOpen) port.close();
    this.port = undefined;
    this.lost();
  }

  private watch(port: SerialPortLike, identity: string | undefined): void {
    const { intervalMs, probe } = this.opts.presence;
    this.cancelWatch = this.opts.clock.setTimer(() => {
      if (this.port !== port || this.currentState !== 'open') return;
      const now = probe(this.opts.path);
      if (now === undefined || now !== identity) {
        this.opts.logger.warn({ path: this.opts.path, was: identity, now }, 'serial device gone or replaced');
        this.drop(port);
        return;
      }
      this.watch(port, identity);
    }, intervalMs);
  }

  private lost(): void {
    this.setState('unplugged');
    if (!this.opts.reconnect) return;
    const { initialMs, maxMs } = this.opts.backoff;
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(this.attempt, 16));
    this.attempt++;
    this.cancelRetry = this.opts.clock.setTimer(() => {
      this.cancelRetry = undefined;
      if (this.currentState !== 'closed') this.openOnce();
    }, delay);
  }
}

function resolveDevice(path: string): string | undefined {
  // COM ports are not files on Windows: there the port's own close event is all we have.
  if (process.platform === 'win32') return path;
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
