import iconv from 'iconv-lite';
import { ManualClock } from '../clock';
import { createMemoryPair } from '../transports/memory-transport';
import { SerialScanner } from './serial-scanner';

function rig() {
  const clock = new ManualClock();
  const [kiosk, scannerEnd] = createMemoryPair('scanner');
  const scanner = new SerialScanner(kiosk, { clock, idleMs: 100, maxAgeMs: 5_000 });
  const send = (bytes: Uint8Array | string) =>
    scannerEnd.write(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
  return { clock, scanner, send };
}

describe('serial scanner', () => {
  it('delivers a code ended by CR LF to the screen waiting for it', async () => {
    const { scanner, send } = rig();
    const waiting = scanner.next(1000);
    await send('SF1234567890\r\n');
    expect((await waiting)?.code).toBe('SF1234567890');
  });

  it('splits codes that arrive in one burst, and joins a code that arrives in pieces', async () => {
    const { scanner, send } = rig();
    await send('YT111\rYT2');
    await send('22\n');
    expect((await scanner.next(10))?.code).toBe('YT111');
    expect((await scanner.next(10))?.code).toBe('YT222');
  });

  it('ends a code after a silence when the scanner sends no line ending', async () => {
    const { clock, scanner, send } = rig();
    const waiting = scanner.next(5000);
    await send('6901234567892');
    await clock.advance(150);
    expect((await waiting)?.code).toBe('6901234567892');
  });

  it('decodes a Chinese QR payload sent as GB18030', async () => {
    const { scanner, send } = rig();
    await send(new Uint8Array([...iconv.encode('溯源码-QJ2026', 'gb18030'), 0x0d]));
    expect((await scanner.next(10))?.code).toBe('溯源码-QJ2026');
  });

  it('forgets a code nobody took in time, so it cannot act on the next villager’s screen', async () => {
    const { clock, scanner, send } = rig();
    await send('OLD-CODE\r');
    await clock.advance(6_000);
    const waiting = scanner.next(1000);
    await clock.advance(1000);
    expect(await waiting).toBeNull();
  });

  it('drops an over-long line whole instead of passing a truncated code', async () => {
    const clock = new ManualClock();
    const [kiosk, scannerEnd] = createMemoryPair('scanner');
    const scanner = new SerialScanner(kiosk, { clock, maxLength: 8 });
    await scannerEnd.write(new TextEncoder().encode('123456789012\rOK123\r'));
    expect((await scanner.next(10))?.code).toBe('OK123');
  });
});
