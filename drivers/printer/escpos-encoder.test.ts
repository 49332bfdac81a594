import { fromHex, hex } from '../locker/frame-scanner';
import { center, qr, text, type ReceiptDocument } from './document';
import { encodeEscPos } from './escpos-encoder';
import { readReceipts } from './escpos-reader';

const doc = (blocks: ReceiptDocument['blocks']): ReceiptDocument => ({
  kind: 'test-page',
  title: 't',
  blocks,
});

describe('ESC/POS encoder', () => {
  it('produces exactly these bytes for a small Chinese receipt', () => {
    const bytes = encodeEscPos(doc([center('取件码', { bold: true }), text('¥5.00'), qr('VPK:1')]), {
      cols: 32,
    });
    expect(hex(bytes)).toBe(
      [
        '1B 40 1C 26', // ESC @ then FS &: reset, Chinese mode on — at the start of every job
        '1B 61 01 1B 45 01 C8 A1 BC FE C2 EB 0A', // centred, bold, 取件码 in GB18030, LF
        '1B 61 00 1B 45 00 A3 A4 35 2E 30 30 0A', // left, bold off, ￥5.00
        '1B 61 01', // QR centred
        '1D 28 6B 04 00 31 41 32 00', // model 2
        '1D 28 6B 03 00 31 43 06', // module size 6
        '1D 28 6B 03 00 31 45 31', // error correction M
        '1D 28 6B 08 00 31 50 30 56 50 4B 3A 31', // store "VPK:1"
        '1D 28 6B 03 00 31 51 30 0A', // print it
        '1B 64 04 1B 64 04 1D 56 00 1B 40', // feed, full cut, ESC @ (node-thermal-printer's cut)
      ].join(' '),
    );
  });

  it('starts every job with FS & again, since the previous job ended in ESC @', () => {
    const one = encodeEscPos(doc([text('第一张')]), { cols: 32 });
    const two = encodeEscPos(doc([text('第二张')]), { cols: 32 });
    const both = new Uint8Array([...one, ...two]);
    const receipts = readReceipts(both);
    expect(receipts.map((r) => [r.chineseMode, r.lines[0]])).toEqual([
      [true, '第一张'],
      [true, '第二张'],
    ]);
  });

  it('shows why FS & matters: the same GB18030 bytes without it read as garbage', () => {
    const [r] = readReceipts(fromHex('1B 40 C8 A1 BC FE C2 EB 0A 1D 56 00'));
    expect(r!.lines[0]).not.toBe('取件码');
  });

  it('escapes a non-ASCII QR payload instead of sending bytes a scanner would misread', () => {
    const [r] = readReceipts(encodeEscPos(doc([qr('取件 482193')]), { cols: 32 }));
    expect(r!.qr).toEqual(['%E5%8F%96%E4%BB%B6%20482193']);
  });
});
