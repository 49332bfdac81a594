/**
 * Document → ESC/POS bytes. node-thermal-printer builds the commands (alignment, emphasis, size,
 * QR, cut); we only hand it bytes it cannot get right for Chinese:
 * - every job starts `ESC @` `FS &`: reset, then Chinese (double-byte) mode. Its `cut()` ends with
 *   `ESC @`, which drops Chinese mode, so the next job must switch it on again.
 * - text is encoded as GB18030 by us (iconv-lite) and added as raw bytes; its own `print()` measures
 *   in UTF-16 units and would fold Chinese lines at the wrong column.
 * - QR payloads are ASCII (see asciiPayload): its `printQR` counts UTF-16 units for the length bytes.
 * Its built-in interfaces are not used: our transports carry the bytes.
 */
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { Align, ReceiptDocument } from './document';
import { renderLines, type RenderOptions } from './render-lines';
import { encodeGb18030 } from './text-width';

export const ESC_INIT = Uint8Array.of(0x1b, 0x40);
export const FS_CHINESE_ON = Uint8Array.of(0x1c, 0x26);

type Builder = InstanceType<typeof ThermalPrinter>;

export function encodeEscPos(doc: ReceiptDocument, opts: RenderOptions): Uint8Array {
  // No interface: the library is used as a command builder only.
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, width: opts.cols } as ConstructorParameters<
    typeof ThermalPrinter
  >[0]);
  p.add(Buffer.from([...ESC_INIT, ...FS_CHINESE_ON]));
  const state = { align: 'left' as Align, bold: false, size: 1 };
  for (const line of renderLines(doc, opts)) {
    switch (line.kind) {
      case 'text':
        setAlign(p, state, line.align);
        if (line.bold !== state.bold) p.bold((state.bold = line.bold));
        if (line.size !== state.size) p.setTextSize((state.size = line.size) - 1, line.size - 1);
        if (line.text !== '') p.add(Buffer.from(encodeGb18030(line.text)));
        p.newLine();
        break;
      case 'qr':
        setAlign(p, state, 'center');
        p.printQR(line.payload, { cellSize: line.cellSize, correction: 'M', model: 2 });
        p.newLine();
        break;
      case 'feed':
        for (let i = 0; i < line.lines; i++) p.newLine();
        break;
    }
  }
  p.cut();
  return new Uint8Array(p.getBuffer());
}

function setAlign(p: Builder, state: { align: Align }, align: Align): void {
  if (state.align === align) return;
  state.align = align;
  if (align === 'center') p.alignCenter();
  else if (align === 'right') p.alignRight();
  else p.alignLeft();
}
