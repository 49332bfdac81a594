/**
 * The scanner under `--simulate`: the real SerialScanner on an in-memory wire, so simulation runs the
 * production decoding (GB18030, line endings, control characters dropped) byte for byte. The other
 * end is the "scanner head": `read(code)` sends what a factory-default serial scanner sends.
 */
import iconv from 'iconv-lite';
import type { Clock } from '../clock';
import { createMemoryPair } from '../transports/memory-transport';
import { SerialScanner } from './serial-scanner';

export class SimulatedScanner {
  readonly scanner: SerialScanner;
  private readonly head;

  constructor(opts: { clock?: Clock } = {}) {
    const [kiosk, head] = createMemoryPair('simulated-scanner');
    this.head = head;
    this.scanner = new SerialScanner(kiosk, opts.clock ? { clock: opts.clock } : {});
  }

  /** As if the code were scanned: its GB18030 bytes and CR LF. Resolves once on the wire. */
  async read(code: string): Promise<void> {
    const bytes = iconv.encode(`${code}\r\n`, 'gb18030');
    const written = await this.head.write(Uint8Array.from(bytes));
    if (!written.ok) throw new Error(written.error.message);
  }

  close(): Promise<void> {
    this.scanner.close();
    return this.scanner.transport.close();
  }
}
