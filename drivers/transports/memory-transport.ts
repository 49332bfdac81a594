/**
 * Two transports joined back to back, for unit tests and `--simulate`: what one end writes, the other
 * receives (asynchronously, as a wire would deliver it). `unplug()` and `replug()` act out the USB
 * adapter being pulled and put back.
 */
import { fail, ok, type DriverResult } from '../result';
import { TransportBase, type ByteTransport } from './byte-transport';

export class MemoryTransport extends TransportBase implements ByteTransport {
  readonly readable = true;
  peer: MemoryTransport | undefined;
  /** Every byte this end has written, for assertions on what went onto the wire. */
  readonly written: Uint8Array[] = [];

  constructor(readonly description: string) {
    super();
    this.currentState = 'open';
  }

  write(bytes: Uint8Array): Promise<DriverResult<void>> {
    if (this.currentState !== 'open') {
      return Promise.resolve(fail('BUS_UNPLUGGED', `链路已断开 / ${this.description} is ${this.state}`));
    }
    const copy = Uint8Array.from(bytes);
    this.written.push(copy);
    const peer = this.peer;
    // queueMicrotask rather than a timer: delivery is asynchronous but needs no clock, so tests on a
    // ManualClock still see replies without advancing time.
    if (peer) queueMicrotask(() => peer.deliver(copy));
    return Promise.resolve(ok(undefined));
  }

  /** Bytes from the other end; dropped while unplugged, as on a real cable. */
  deliver(bytes: Uint8Array): void {
    if (this.currentState === 'open') this.emitData(bytes);
  }

  /** Pulls the cable: both ends see it at once. */
  unplug(): void {
    for (const end of [this, this.peer]) if (end?.currentState === 'open') end.setState('unplugged');
  }

  replug(): void {
    for (const end of [this, this.peer]) if (end?.currentState === 'unplugged') end.setState('open');
  }

  close(): Promise<void> {
    this.setState('closed');
    return Promise.resolve();
  }
}

/** A connected pair: `[host, device]`. */
export function createMemoryPair(name = 'memory'): [MemoryTransport, MemoryTransport] {
  const host = new MemoryTransport(`${name}:host`);
  const device = new MemoryTransport(`${name}:device`);
  host.peer = device;
  device.peer = host;
  return [host, device];
}
