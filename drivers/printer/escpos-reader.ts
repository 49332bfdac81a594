/**
 * Reads ESC/POS back into what a person would see on the paper: lines of text (GB18030 decoded when
 * the job switched Chinese mode on — without `FS &` the printer shows code-page garbage, and so does
 * this reader), QR codes as their payloads, one receipt per cut. The printer emulator feeds it the
 * captured stream; tests feed it encoder output.
 */
import { decodeGb18030 } from './text-width';
import { tokenize } from './escpos-tokenizer';

export interface DecodedReceipt {
  lines: string[];
  qr: string[];
  /** Whether Chinese mode was on when the text was printed. */
  chineseMode: boolean;
  /** Commands the reader did not know (hex), so tests can insist there are none. */
  unknown: string[];
  cut: boolean;
}

export const receiptText = (r: DecodedReceipt): string => r.lines.join('\n');

const ALIGNS = ['left', 'center', 'right'] as const;

export class EscPosReader {
  readonly receipts: DecodedReceipt[] = [];
  private rest: Uint8Array = new Uint8Array(0);
  private current = emptyReceipt();
  private line: number[] = [];
  private mode = { chinese: false, align: 0, width: 1 };

  /**
   * While paused (no paper, cover open) the printer prints nothing: text, codes and cuts are dropped,
   * but real-time status requests are still seen and answered.
   */
  paused = false;

  /** @param cols paper columns, to place centred and right-aligned lines as the printer would. */
  constructor(private readonly cols = 0) {}

  /** Feeds bytes; returns the DLE EOT requests seen (n of each), in order, for the emulator to answer. */
  push(bytes: Uint8Array): number[] {
    const joined = new Uint8Array(this.rest.length + bytes.length);
    joined.set(this.rest);
    joined.set(bytes, this.rest.length);
    const { tokens, rest } = tokenize(joined);
    this.rest = rest;
    const statusRequests: number[] = [];
    for (const tok of tokens) {
      if (tok.t === 'status') {
        statusRequests.push(tok.n);
        continue;
      }
      if (this.paused) {
        this.line = [];
        this.current = emptyReceipt();
        continue;
      }
      switch (tok.t) {
        case 'text':
          this.line.push(...tok.bytes);
          break;
        case 'lf':
          this.endLine(true);
          break;
        case 'init':
          this.endLine(false);
          this.mode = { chinese: false, align: 0, width: 1 };
          break;
        case 'chinese':
          this.mode.chinese = tok.on;
          if (tok.on) this.current.chineseMode = true;
          break;
        case 'align':
          this.mode.align = Math.min(2, tok.n);
          break;
        case 'size':
          this.mode.width = tok.width;
          break;
        case 'feed':
          this.endLine(false);
          break;
        case 'cut':
          this.endLine(false);
          this.current.cut = true;
          this.finish();
          break;
        case 'qr-store':
          this.current.qr.push(String.fromCharCode(...tok.payload));
          break;
        case 'qr-print':
          this.endLine(false);
          this.current.lines.push(`[QR ${this.current.qr[this.current.qr.length - 1] ?? ''}]`);
          break;
        case 'unknown':
          this.current.unknown.push(Array.from(tok.bytes, (x) => x.toString(16).padStart(2, '0')).join(' '));
          break;
        case 'bold':
        case 'cmd':
          break;
      }
    }
    return statusRequests;
  }

  /** The receipt being printed now (no cut yet). */
  pending(): DecodedReceipt {
    return { ...this.current, lines: [...this.current.lines] };
  }

  private endLine(always: boolean): void {
    if (!always && this.line.length === 0) return;
    const bytes = Uint8Array.from(this.line);
    this.line = [];
    const text = this.mode.chinese ? decodeGb18030(bytes) : String.fromCharCode(...bytes);
    this.current.lines.push(this.place(text));
  }

  private place(text: string): string {
    const align = ALIGNS[this.mode.align]!;
    if (!this.cols || align === 'left') return text.trimEnd();
    let w = 0;
    for (const ch of text) w += (ch.codePointAt(0)! < 0x80 ? 1 : 2) * this.mode.width;
    const free = Math.max(0, this.cols - w);
    return (' '.repeat(align === 'center' ? Math.floor(free / 2) : free) + text).trimEnd();
  }

  private finish(): void {
    while (this.current.lines.length > 0 && this.current.lines[this.current.lines.length - 1] === '') {
      this.current.lines.pop();
    }
    this.receipts.push(this.current);
    this.current = emptyReceipt();
  }
}

function emptyReceipt(): DecodedReceipt {
  return { lines: [], qr: [], chineseMode: false, unknown: [], cut: false };
}

/** Convenience for tests: every receipt in a byte stream. */
export function readReceipts(bytes: Uint8Array, cols = 0): DecodedReceipt[] {
  const r = new EscPosReader(cols);
  r.push(bytes);
  return r.receipts;
}
