/**
 * The printer under `--simulate`: the ESC/POS emulator on one end of an in-memory wire and the real
 * ReceiptPrinter driver on the other, so simulated printing runs the production code path byte for
 * byte. `state` is the knob the operator screen and tests turn (paper out, cover open…); the printed
 * receipts are readable as text for the operator screen.
 */
import { ReceiptPrinter } from '../printer/receipt-printer';
import type { DecodedReceipt } from '../printer/escpos-reader';
import { createMemoryPair } from '../transports/memory-transport';
import { PrinterEmulator } from './printer-emulator';

export type SimulatedPrinterState = 'ready' | 'paper_out' | 'paper_low' | 'cover_open' | 'offline';

export interface SimulatedPrinterOptions {
  state?: SimulatedPrinterState;
  paperWidthMm?: 58 | 80;
}

export class SimulatedPrinter {
  readonly paperWidthMm: 58 | 80;
  readonly emulator: PrinterEmulator;
  /** The real driver, talking to the emulator through an in-memory wire. */
  readonly printer: ReceiptPrinter;

  constructor(opts: SimulatedPrinterOptions = {}) {
    this.paperWidthMm = opts.paperWidthMm ?? 58;
    this.emulator = new PrinterEmulator({ paperWidthMm: this.paperWidthMm });
    const [host, device] = createMemoryPair('simulated-printer');
    this.emulator.attach(device);
    this.printer = new ReceiptPrinter({
      transport: host,
      paperWidthMm: this.paperWidthMm,
      statusTimeoutMs: 300,
    });
    this.state = opts.state ?? 'ready';
  }

  get state(): SimulatedPrinterState {
    const c = this.emulator.conditions;
    if (c.silent || c.error) return 'offline';
    if (c.coverOpen) return 'cover_open';
    if (c.paperOut) return 'paper_out';
    return c.paperLow ? 'paper_low' : 'ready';
  }

  set state(state: SimulatedPrinterState) {
    const c = this.emulator.conditions;
    c.paperOut = state === 'paper_out';
    c.paperLow = state === 'paper_low';
    c.coverOpen = state === 'cover_open';
    c.error = false;
    c.silent = state === 'offline';
  }

  status(): { state: SimulatedPrinterState; model: string; paperWidthMm: 58 | 80 } {
    return { state: this.state, model: `模拟打印机 ${this.paperWidthMm}mm`, paperWidthMm: this.paperWidthMm };
  }

  receipts(): DecodedReceipt[] {
    return this.emulator.printed;
  }

  lastReceiptText(): string | undefined {
    return this.emulator.lastReceiptText();
  }
}
