/**
 * A file or device node as a one-way ByteTransport: a USB printer on `/dev/usb/lp0`, or a plain file
 * (to keep what would have been printed). Every write opens, appends and closes, so a printer that is
 * switched off and on again between jobs just works. It cannot read, so printer status is unavailable
 * through it (`readable: false`).
 */
import { appendFile } from 'node:fs/promises';
import { describeError, fail, ok, type DriverResult } from '../result';
import { TransportBase, type ByteTransport } from './byte-transport';

export class FileTransport extends TransportBase implements ByteTransport {
  readonly readable = false;
  readonly description: string;

  constructor(private readonly path: string) {
    super();
    this.description = `file:${path}`;
    this.currentState = 'open';
  }

  async write(bytes: Uint8Array): Promise<DriverResult<void>> {
    if (this.currentState === 'closed') return fail('BUS_UNPLUGGED', `${this.description} is closed`);
    try {
      await appendFile(this.path, bytes);
      return ok(undefined);
    } catch (e) {
      return fail('BUS_UNPLUGGED', `无法写入 ${this.path} / cannot write: ${describeError(e)}`);
    }
  }

  close(): Promise<void> {
    this.setState('closed');
    return Promise.resolve();
  }
}
