import { EventEmitter } from 'node:events';
import { ManualClock } from '../clock';
import { SerialTransport, type SerialPortLike } from './serial-transport';

/** A serial port whose presence the test controls: the USB adapter in and out. */
class FakePort extends EventEmitter implements SerialPortLike {
  isOpen = false;
  written: Buffer[] = [];
  constructor(private readonly adapter: { present: boolean; opens: number }) {
    super();
  }
  open(cb: (err: Error | null) => void): void {
    this.adapter.opens++;
    queueMicrotask(() => {
      this.isOpen = this.adapter.present;
      cb(this.adapter.present ? null : new Error('ENOENT: no such file or directory'));
    });
  }
  write(data: Buffer): boolean {
    this.written.push(data);
    return true;
  }
  drain(cb: (err: Error | null) => void): void {
    queueMicrotask(() => cb(null));
  }
  close(cb?: (err: Error | null) => void): void {
    this.isOpen = false;
    cb?.(null);
  }
  pull(): void {
    this.isOpen = false;
    this.emit('close', Object.assign(new Error('bad file descriptor'), { disconnected: true }));
  }
}

function rig(present: boolean) {
  const clock = new ManualClock();
  const adapter = { present, opens: 0 };
  const ports: FakePort[] = [];
  const transport = new SerialTransport({
    path: '/dev/ttyUSB0',
    baudRate: 9600,
    clock,
    backoff: { initialMs: 200, maxMs: 1_000 },
    presence: { intervalMs: 100, probe: () => (adapter.present ? '/dev/pts/3' : undefined) },
    portFactory: () => {
      const p = new FakePort(adapter);
      ports.push(p);
      return p;
    },
  });
  return { clock, adapter, ports, transport };
}

describe('SerialTransport', () => {
  it('opens the port by path and writes to it', async () => {
    const { clock, transport, ports } = rig(true);
    await clock.advance(0);
    expect(transport.state).toBe('open');
    expect((await transport.write(Uint8Array.of(0x8a, 0x01))).ok).toBe(true);
    expect(ports[0]!.written).toEqual([Buffer.from([0x8a, 0x01])]);
  });

  it('goes unplugged when the adapter is pulled, refuses writes, and reopens when it is back', async () => {
    const { clock, transport, adapter, ports } = rig(true);
    await clock.advance(0);
    const states: string[] = [];
    transport.onState((s) => states.push(s));
    adapter.present = false;
    ports[0]!.pull();
    expect(transport.state).toBe('unplugged');
    const w = await transport.write(Uint8Array.of(1));
    expect(w.ok || w.error.code).toBe('BUS_UNPLUGGED');
    await clock.advance(5_000); // several failed reopen attempts, backing off
    adapter.present = true;
    await clock.advance(1_000);
    expect(transport.state).toBe('open');
    expect(states).toEqual(['unplugged', 'open']);
  });

  it('notices a pulled adapter through the presence watchdog when the port itself reports nothing', async () => {
    const { clock, transport, adapter, ports } = rig(true);
    await clock.advance(0);
    adapter.present = false; // the tty reads end-of-file forever; no close event comes
    await clock.advance(100);
    expect(transport.state).toBe('unplugged');
    expect(ports[0]!.isOpen).toBe(false);
    adapter.present = true;
    await clock.advance(1_000);
    expect(transport.state).toBe('open');
  });

  it('backs off between reopen attempts up to the maximum', async () => {
    const { clock, adapter } = rig(false);
    await clock.advance(0);
    const opens = () => adapter.opens;
    await clock.advance(200);
    expect(opens()).toBe(2); // first try, then after 200 ms
    await clock.advance(400);
    expect(opens()).toBe(3); // then after 400 ms
    await clock.advance(800 + 1_000 + 1_000);
    expect(opens()).toBe(6); // 800, then capped at 1000
  });

  it('does not try again without reconnect (a technician CLI fails fast)', async () => {
    const clock = new ManualClock();
    let opens = 0;
    const t = new SerialTransport({
      path: '/dev/ttyUSB9',
      baudRate: 9600,
      clock,
      reconnect: false,
      portFactory: () => {
        opens++;
        return new FakePort({ present: false, opens: 0 });
      },
    });
    await clock.advance(10_000);
    expect(t.state).toBe('unplugged');
    expect(opens).toBe(1);
  });
});
