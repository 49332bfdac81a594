/**
 * An ESC/POS receipt printer acted out: it captures what is sent to it (over TCP on 127.0.0.1 like a
 * network printer on port 9100, or over any ByteTransport), reads it back into receipts a person can
 * read — "last receipt as text" for the operator screen — and answers DLE EOT like a real printer,
 * including when it has no paper or its cover is open. In those states it prints nothing, as a
 * stopped printer would.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../../common/logger';
import { EscPosReader, receiptText, type DecodedReceipt } from '../printer/escpos-reader';
import { statusBytes } from '../printer/escpos-status';
import { columnsFor, type PaperWidthMm } from '../printer/text-width';
import type { ByteTransport } from '../transports/byte-transport';

export interface PrinterConditions {
  paperOut: boolean;
  paperLow: boolean;
  coverOpen: boolean;
  error: boolean;
  /** Switched off behind a network interface that still accepts connections: no status answers. */
  silent: boolean;
}

export interface PrinterEmulatorOptions {
  paperWidthMm?: PaperWidthMm;
  logger?: Logger;
}

export class PrinterEmulator {
  readonly paperWidthMm: PaperWidthMm;
  readonly conditions: PrinterConditions = {
    paperOut: false,
    paperLow: false,
    coverOpen: false,
    error: false,
    silent: false,
  };
  /** Receipts printed (cut), oldest first. */
  readonly printed: DecodedReceipt[] = [];
  bytesReceived = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly logger: Logger;

  constructor(opts: PrinterEmulatorOptions = {}) {
    this.paperWidthMm = opts.paperWidthMm ?? 58;
    this.logger = opts.logger ?? silentLogger;
  }

  get printing(): boolean {
    const c = this.conditions;
    return !c.paperOut && !c.coverOpen && !c.error && !c.silent;
  }

  lastReceipt(): DecodedReceipt | undefined {
    return this.printed[this.printed.length - 1];
  }

  /** The last receipt as the operator screen shows it, or undefined before the first print. */
  lastReceiptText(): string | undefined {
    const r = this.lastReceipt();
    return r && receiptText(r);
  }

  /** Serves one connection's bytes: `reply` sends bytes back to the host. Returns a byte sink. */
  connection(reply: (bytes: Uint8Array) => void): (bytes: Uint8Array) => void {
    const reader = new EscPosReader(columnsFor(this.paperWidthMm));
    return (bytes) => {
      this.bytesReceived += bytes.length;
      reader.paused = !this.printing;
      for (const n of reader.push(bytes)) {
        if (this.conditions.silent) continue;
        const answer = statusBytes(this.conditions)[n as 1 | 2 | 3 | 4];
        if (answer !== undefined) reply(Uint8Array.of(answer));
      }
      this.printed.push(...reader.receipts.splice(0));
    };
  }

  /** Puts the printer on the device end of a transport (in memory, or a socat PTY for a serial printer). */
  attach(transport: ByteTransport): () => void {
    const sink = this.connection((bytes) => void transport.write(bytes));
    return transport.onData(sink);
  }

  /** Listens on 127.0.0.1 (port 0: any free port) like a network printer; resolves the address. */
  async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number; url: string }> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      const sink = this.connection((bytes) => socket.write(bytes));
      socket.on('data', (data) => sink(new Uint8Array(data)));
      socket.on('error', (err) => this.logger.debug({ err: err.message }, 'printer emulator socket error'));
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    return { host, port: addr.port, url: `tcp://${host}:${addr.port}` };
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
