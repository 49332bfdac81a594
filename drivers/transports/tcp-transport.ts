/**
 * A TCP connection (a network receipt printer on port 9100) as a ByteTransport.
 *
 * Printers drop idle connections and some accept only one client at a time, so this transport does
 * not poll: it connects when created, and when the connection has gone it reconnects on the next
 * write (within `connectTimeoutMs`). Nothing written while disconnected is kept for later.
 */
import { Socket } from 'node:net';
import { silentLogger, type Logger } from '../../common/logger';
import { systemClock, type Clock } from '../clock';
import { describeError, fail, ok, type DriverResult } from '../result';
import { TransportBase, type ByteTransport } from './byte-transport';

export interface TcpTransportOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
}

export class TcpTransport extends TransportBase implements ByteTransport {
  readonly readable = true;
  readonly description: string;
  private socket: Socket | undefined;
  private connecting: Promise<boolean> | undefined;
  private readonly connectTimeoutMs: number;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly opts: TcpTransportOptions) {
    super();
    this.description = `tcp://${opts.host}:${opts.port}`;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 3_000;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    void this.connect();
  }

  async write(bytes: Uint8Array): Promise<DriverResult<void>> {
    if (this.currentState === 'closed') return fail('BUS_UNPLUGGED', `${this.description} is closed`);
    if (!(await this.connect()) || !this.socket) {
      return fail('BUS_UNPLUGGED', `无法连接打印机 / cannot connect to ${this.description}`);
    }
    const socket = this.socket;
    return new Promise((resolve) => {
      socket.write(bytes, (err) =>
        resolve(err ? fail('BUS_UNPLUGGED', `写入失败 / ${describeError(err)}`) : ok(undefined)),
      );
    });
  }

  close(): Promise<void> {
    this.setState('closed');
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // A peer that never closes its side must not hold us: destroy after a short grace period.
      this.clock.setTimer(() => socket.destroy(), 500);
    });
  }

  /** Connects if not connected; resolves whether the transport is open. Never rejects. */
  private connect(): Promise<boolean> {
    if (this.currentState === 'open' && this.socket && !this.socket.destroyed) return Promise.resolve(true);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<boolean>((resolve) => {
      const socket = new Socket();
      let settled = false;
      const settle = (opened: boolean) => {
        if (settled) return;
        settled = true;
        cancel();
        this.connecting = undefined;
        resolve(opened);
      };
      const cancel = this.clock.setTimer(() => {
        socket.destroy();
        settle(false);
      }, this.connectTimeoutMs);
      socket.setNoDelay(true);
      socket.on('data', (data) => this.emitData(new Uint8Array(data)));
      socket.on('error', (err) => {
        this.logger.debug({ target: this.description, err: describeError(err) }, 'tcp error');
        settle(false);
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        if (this.currentState !== 'closed') this.setState('unplugged');
        settle(false);
      });
      socket.connect(this.opts.port, this.opts.host, () => {
        if (this.currentState === 'closed') {
          socket.destroy();
          settle(false);
          return;
        }
        this.socket = socket;
        this.setState('open');
        settle(true);
      });
    });
    return this.connecting;
  }
}
