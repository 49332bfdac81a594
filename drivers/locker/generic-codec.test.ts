import { fromHex, hex } from './frame-scanner';
import {
  decodeQueryAllReply,
  decodeRequest,
  encodeOpen,
  encodeOpenAll,
  encodeOpenReply,
  encodeQuery,
  encodeQueryAll,
  encodeQueryAllReply,
  encodeQueryReply,
  genericProtocol,
} from './generic-codec';

describe('generic 8A/80 board codec', () => {
  it('encodes the worked example of ARCHITECTURE.md §6 and reads its reply as opened', () => {
    expect(hex(encodeOpen(1, 1))).toBe('8A 01 01 11 9B');
    expect(hex(encodeOpenReply(1, 1, true))).toBe('8A 01 01 00 8A');
    const ex = genericProtocol.open(1, 1);
    expect(hex(ex.request)).toBe('8A 01 01 11 9B');
    expect(ex.reply!.isValid(fromHex('8A 01 01 00 8A'))).toBe(true);
    expect(ex.interpret(fromHex('8A 01 01 00 8A'))).toEqual({ released: true });
  });

  it('reads status 11 in an open reply as a lock that did not release', () => {
    expect(hex(encodeOpenReply(1, 1, false))).toBe('8A 01 01 11 9B');
    expect(genericProtocol.open(1, 1).interpret(fromHex('8A 01 01 11 9B'))).toEqual({ released: false });
  });

  it('encodes open-all, query-one and query-all byte for byte', () => {
    expect(hex(encodeOpenAll(1))).toBe('8A 01 00 11 9A');
    expect(hex(encodeOpenAll(2))).toBe('8A 02 00 11 99');
    expect(hex(encodeQuery(1, 1))).toBe('80 01 01 33 B3');
    expect(hex(encodeQueryAll(1))).toBe('80 01 00 33 B2');
  });

  it('reads a query reply: 11 closed, 00 open', () => {
    expect(hex(encodeQueryReply(1, 1, false))).toBe('80 01 01 00 80');
    expect(hex(encodeQueryReply(1, 3, true))).toBe('80 01 03 11 93');
    const q = genericProtocol.queryDoor(1, 1);
    expect(q.interpret(fromHex('80 01 01 00 80'))).toEqual({ lock: 1, closed: false });
    expect(genericProtocol.queryDoor(1, 3).interpret(fromHex('80 01 03 11 93'))).toEqual({
      lock: 3,
      closed: true,
    });
  });

  it('ignores a valid reply that answers another board or lock', () => {
    expect(genericProtocol.open(1, 1).interpret(encodeOpenReply(2, 1, true))).toBeUndefined();
    expect(genericProtocol.queryDoor(1, 1).interpret(encodeQueryReply(1, 2, true))).toBeUndefined();
  });

  it('packs query-all as g3 g2 g1 with bit 0 of g1 = lock 1 and checks xor of six bytes', () => {
    // Locks 1 and 10 open, everything else closed.
    const closed = Array.from({ length: 24 }, (_, i) => i !== 0 && i !== 9);
    const reply = encodeQueryAllReply(1, closed);
    expect(hex(reply)).toBe('80 01 FF FD FE 33 4E');
    const reading = decodeQueryAllReply(reply);
    expect(reading.locks.filter((l) => !l.closed).map((l) => l.lock)).toEqual([1, 10]);
    expect(genericProtocol.queryBoard(1).reply!.isValid(reply)).toBe(true);
    expect(genericProtocol.queryBoard(1).reply!.isValid(fromHex('80 01 FF FD FE 33 4F'))).toBe(false);
  });

  it('decodes requests for the emulator', () => {
    expect(decodeRequest(fromHex('8A 01 01 11 9B'))).toEqual({ kind: 'open', board: 1, lock: 1 });
    expect(decodeRequest(fromHex('8A 01 00 11 9A'))).toEqual({ kind: 'open-all', board: 1 });
    expect(decodeRequest(fromHex('80 01 00 33 B2'))).toEqual({ kind: 'query-all', board: 1 });
    expect(decodeRequest(fromHex('80 02 05 33 B4'))).toEqual({ kind: 'query', board: 2, lock: 5 });
  });
});
