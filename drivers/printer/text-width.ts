/**
 * Text measured as the printer measures it. In Chinese mode (`FS &`) an ESC/POS printer prints every
 * single-byte code from the half-width font (1 column) and every multi-byte GB18030 code from the
 * full-width font (2 columns). So the width of a character on paper is not Unicode's East-Asian-width
 * but simply: ASCII = 1, anything else = 2 — which makes ·, —, “ and × two columns too, as they are
 * on paper. 58 mm paper holds 32 columns of font A, 80 mm holds 48.
 */
import iconv from 'iconv-lite';

export type PaperWidthMm = 58 | 80;
export const columnsFor = (paper: PaperWidthMm): 32 | 48 => (paper === 58 ? 32 : 48);

/**
 * Makes text printable by a GB18030 printer font. '¥' (U+00A5) exists in GB18030 only as a 4-byte
 * code that common thermal-printer fonts lack, so it becomes the full-width '￥' (A3 A4) that every
 * Chinese printer has. Characters GB18030 cannot encode, and pictographs (emoji) that no printer
 * font draws, become '?'. Control characters other than newline are removed.
 */
export function printerSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (cp < 0x20 || cp === 0x7f) continue;
    else if (ch === '¥') out += '￥';
    else if (cp >= 0x1f000 || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0xfe00 && cp <= 0xfe0f)) out += '?';
    else out += ch;
  }
  return out;
}

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return 0;
  return cp < 0x80 ? 1 : 2;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

export function encodeGb18030(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

export function decodeGb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'gb18030');
}

/** Pads (or cuts) to exactly `cols` display columns. */
export function padEndCols(text: string, cols: number): string {
  const cut = truncateCols(text, cols);
  return cut + ' '.repeat(cols - displayWidth(cut));
}

export function padStartCols(text: string, cols: number): string {
  const cut = truncateCols(text, cols);
  return ' '.repeat(cols - displayWidth(cut)) + cut;
}

export function truncateCols(text: string, cols: number): string {
  let out = '';
  let w = 0;
  for (const ch of text) {
    if (w + charWidth(ch) > cols) break;
    out += ch;
    w += charWidth(ch);
  }
  return out;
}

/** Chinese punctuation that must not start a line (禁则): it hangs on the previous line instead. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕…—,.;:?!)]}%']);

/**
 * Wraps to `cols` display columns. Chinese breaks between any two characters; runs of ASCII letters
 * and digits (a waybill number, a phone number, an English word) break only at spaces unless a single
 * run is longer than a line. Explicit newlines are kept.
 */
export function wrapCols(text: string, cols: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // '￥12.50' stays one word: a price never breaks after its currency sign.
    const tokens = paragraph.match(/￥?[\x21-\x7e]+|[ ]+|[^\x20-\x7e]/gu) ?? [];
    let line = '';
    const flush = () => {
      lines.push(line.trimEnd());
      line = '';
    };
    for (const token of tokens) {
      const w = displayWidth(token);
      if (displayWidth(line) + w <= cols) {
        line += token;
      } else if (token.trim() === '') {
        flush();
      } else if (NO_LINE_START.has(token) && line.trim() !== '') {
        // Carry the last character down with the punctuation rather than start a line with it.
        const chars = [...line];
        const last = chars.pop()!;
        line = chars.join('');
        flush();
        line = last + token;
      } else if (w > cols) {
        for (const ch of token) {
          if (displayWidth(line) + charWidth(ch) > cols) flush();
          line += ch;
        }
      } else {
        if (line.trim() !== '') flush();
        line = token;
      }
    }
    if (line !== '' || lines.length === 0 || paragraph === '') flush();
  }
  return lines;
}
