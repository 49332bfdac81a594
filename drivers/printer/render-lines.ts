/**
 * Document → printed lines for a given paper width: wrapping by display columns, pairs laid out
 * left/right, rules drawn across, the reprint mark added. Both the ESC/POS encoder and the plain-text
 * preview start from these lines, so what the operator previews is what the paper shows.
 */
import type { Align, Block, ReceiptDocument } from './document';
import { displayWidth, padStartCols, printerSafe, wrapCols } from './text-width';

export type PrintLine =
  | { kind: 'text'; text: string; align: Align; bold: boolean; size: 1 | 2 | 3 }
  | { kind: 'qr'; payload: string; cellSize: number }
  | { kind: 'feed'; lines: number };

export interface RenderOptions {
  cols: number;
  /** Marks the paper 重印 at the top and bottom: it may not be the only copy. */
  reprint?: boolean;
}

export const REPRINT_MARK = '*** 重印 REPRINT ***';

/** QR payloads must be ASCII (scanners and printers disagree about anything else): escape the rest. */
export function asciiPayload(payload: string): string {
  return /^[\x20-\x7e]*$/.test(payload) ? payload : encodeURIComponent(payload);
}

export function renderLines(doc: ReceiptDocument, opts: RenderOptions): PrintLine[] {
  const out: PrintLine[] = [];
  const mark = (): PrintLine => ({ kind: 'text', text: REPRINT_MARK, align: 'center', bold: true, size: 1 });
  if (opts.reprint) out.push(mark());
  for (const block of doc.blocks) out.push(...renderBlock(block, opts.cols));
  if (opts.reprint) out.push(mark());
  return out;
}

function renderBlock(block: Block, cols: number): PrintLine[] {
  switch (block.kind) {
    case 'text': {
      const size = block.size ?? 1;
      const width = Math.floor(cols / size);
      return wrapCols(printerSafe(block.text), width).map((text) => ({
        kind: 'text',
        text,
        align: block.align ?? 'left',
        bold: block.bold ?? false,
        size,
      }));
    }
    case 'pair':
      return layoutPair(printerSafe(block.left), printerSafe(block.right), cols).map((text) => ({
        kind: 'text',
        text,
        align: 'left',
        bold: block.bold ?? false,
        size: 1,
      }));
    case 'rule':
      return [{ kind: 'text', text: (block.char ?? '-').repeat(cols), align: 'left', bold: false, size: 1 }];
    case 'qr':
      return [{ kind: 'qr', payload: asciiPayload(block.payload), cellSize: block.cellSize ?? 6 }];
    case 'feed':
      return [{ kind: 'feed', lines: block.lines }];
  }
}

/** `left ........ right` on one line when it fits; otherwise the left wraps and the right ends the block. */
export function layoutPair(left: string, right: string, cols: number): string[] {
  const rw = displayWidth(right);
  if (displayWidth(left) + 1 + rw <= cols) {
    return [left + ' '.repeat(cols - displayWidth(left) - rw) + right];
  }
  const lines = wrapCols(left, cols);
  const last = lines[lines.length - 1] ?? '';
  if (displayWidth(last) + 1 + rw <= cols) {
    lines[lines.length - 1] = last + ' '.repeat(cols - displayWidth(last) - rw) + right;
  } else {
    lines.push(padStartCols(right, cols));
  }
  return lines;
}

/** The plain-text preview of a document, alignment applied with spaces. */
export function renderText(doc: ReceiptDocument, opts: RenderOptions): string {
  const lines: string[] = [];
  for (const line of renderLines(doc, opts)) {
    if (line.kind === 'feed') for (let i = 0; i < line.lines; i++) lines.push('');
    else if (line.kind === 'qr') lines.push(alignText(`[QR ${line.payload}]`, 'center', 1, opts.cols));
    else lines.push(alignText(line.text, line.align, line.size, opts.cols));
  }
  return lines.join('\n');
}

/** Pads a printed line as the printer would place it (a magnified glyph takes `size` columns). */
export function alignText(text: string, align: Align, size: number, cols: number): string {
  const free = Math.max(0, cols - displayWidth(text) * size);
  const left = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
  return (' '.repeat(left) + text).trimEnd();
}
