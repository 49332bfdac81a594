/**
 * A printer that stands in for the real one under `--simulate`. For now it models the status a
 * receipt printer reports through DLE EOT (paper, cover, online); the hardware issue grows it into a
 * byte-capturing ESC/POS emulator.
 */
export type SimulatedPrinterState = 'ready' | 'paper_out' | 'paper_low' | 'cover_open' | 'offline';

export interface SimulatedPrinterOptions {
  state?: SimulatedPrinterState;
  paperWidthMm?: 58 | 80;
}

export class SimulatedPrinter {
  state: SimulatedPrinterState;
  readonly paperWidthMm: 58 | 80;

  constructor(opts: SimulatedPrinterOptions = {}) {
    this.state = opts.state ?? 'ready';
    this.paperWidthMm = opts.paperWidthMm ?? 58;
  }

  status(): { state: SimulatedPrinterState; model: string; paperWidthMm: 58 | 80 } {
    return { state: this.state, model: `模拟打印机 ${this.paperWidthMm}mm`, paperWidthMm: this.paperWidthMm };
  }
}
