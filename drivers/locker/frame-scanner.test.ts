import { FrameScanner, fromHex, hex } from './frame-scanner';
import { requestSpec as genericRequests } from './generic-codec';

const frames = (s: FrameScanner, text: string) => s.push(fromHex(text)).map(hex);

describe('FrameScanner', () => {
  it('finds a frame after leading garbage and counts what it dropped', () => {
    const s = new FrameScanner(genericRequests);
    expect(frames(s, '00 FF 13 8A 01 01 11 9B')).toEqual(['8A 01 01 11 9B']);
    expect(s.dropped).toBe(3);
  });

  it('resynchronises inside a frame with a bad checksum', () => {
    // A broken frame whose 4th byte starts a real one: the real one is still found.
    const s = new FrameScanner(genericRequests);
    expect(frames(s, '8A 01 80 01 01 33 B3')).toEqual(['80 01 01 33 B3']);
  });

  it('waits for the rest of a frame split across reads', () => {
    const s = new FrameScanner(genericRequests);
    expect(frames(s, '8A 01')).toEqual([]);
    expect(frames(s, '01 11 9B 80 01')).toEqual(['8A 01 01 11 9B']);
    expect(frames(s, '00 33 B2')).toEqual(['80 01 00 33 B2']);
  });

  it('drops a whole frame whose checksum is wrong', () => {
    const s = new FrameScanner(genericRequests);
    expect(frames(s, '8A 01 01 11 9C 8A 01 02 11 98')).toEqual(['8A 01 02 11 98']);
    expect(s.dropped).toBe(5);
  });
});
