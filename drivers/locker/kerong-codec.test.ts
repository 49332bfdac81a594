import { fromHex, hex } from './frame-scanner';
import {
  decodeRequest,
  decodeStatusReply,
  encodeStatusAll,
  encodeStatusOne,
  encodeStatusReply,
  encodeUnlock,
  kerongProtocol,
} from './kerong-codec';

describe('Kerong KR-CU16 codec', () => {
  it('addresses board<<4 | lock, lock 1 being nibble 0, with the low byte of the sum', () => {
    expect(hex(encodeUnlock(0, 1))).toBe('02 00 31 03 36');
    expect(hex(encodeUnlock(1, 3))).toBe('02 12 31 03 48');
    expect(hex(encodeStatusOne(0, 16))).toBe('02 0F 30 03 44');
    expect(hex(encodeStatusAll(2))).toBe('02 20 32 03 57');
  });

  it('keeps only the low byte of the checksum when the sum overflows', () => {
    expect(hex(encodeUnlock(15, 16))).toBe('02 FF 31 03 35');
  });

  it('reads latch bits (1 = closed) and infrared bits, H1/I1 holding locks 1–8', () => {
    const closed = Array.from({ length: 16 }, (_, i) => i !== 2); // lock 3 open
    const occupied = Array.from({ length: 16 }, (_, i) => i === 8); // lock 9 occupied
    const reply = encodeStatusReply(0x12, closed, occupied);
    expect(hex(reply)).toBe('02 12 35 FB FF 00 01 03 47');
    const r = decodeStatusReply(reply);
    expect(r.board).toBe(1);
    expect(r.locks[2]).toEqual({ lock: 3, closed: false, occupied: false });
    expect(r.locks[8]).toEqual({ lock: 9, closed: true, occupied: true });
  });

  it('confirms an unlock when the latch of that lock reads open in the reply', () => {
    const ex = kerongProtocol.open(1, 3);
    const opened = encodeStatusReply(
      0x12,
      Array.from({ length: 16 }, (_, i) => i !== 2),
      [],
    );
    const stuck = encodeStatusReply(
      0x12,
      Array.from({ length: 16 }, () => true),
      [],
    );
    expect(ex.reply!.isValid(opened)).toBe(true);
    expect(ex.interpret(opened)).toEqual({ released: true });
    expect(ex.interpret(stuck)).toEqual({ released: false });
    expect(ex.interpret(encodeStatusReply(0x22, [], []))).toBeUndefined(); // board 2 answered
  });

  it('rejects a reply with a bad checksum or a missing ETX', () => {
    const spec = kerongProtocol.queryBoard(0).reply!;
    expect(spec.isValid(fromHex('02 00 35 FF FF 00 00 03 38'))).toBe(true);
    expect(spec.isValid(fromHex('02 00 35 FF FF 00 00 03 39'))).toBe(false);
    expect(spec.isValid(fromHex('02 00 35 FF FF 00 00 04 39'))).toBe(false);
  });

  it('decodes requests for the emulator', () => {
    expect(decodeRequest(fromHex('02 12 31 03 48'))).toEqual({ kind: 'unlock', board: 1, lock: 3, aa: 0x12 });
    expect(decodeRequest(fromHex('02 0F 30 03 44'))?.kind).toBe('status-one');
  });
});
