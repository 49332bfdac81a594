import { WedgeScanDetector } from './wedge-scanner';

function feed(detector: WedgeScanDetector, clock: { t: number }, keys: string[], gapMs: number) {
  const results: (string | undefined)[] = [];
  for (const k of keys) {
    clock.t += gapMs;
    results.push(detector.key(k));
  }
  return results.filter((r) => r !== undefined);
}

describe('keyboard-wedge scans told apart from typing', () => {
  it('takes a fast burst ending in Enter as one scan', () => {
    const clock = { t: 0 };
    const d = new WedgeScanDetector({ now: () => clock.t });
    expect(feed(d, clock, [...'SF1234567890', 'Enter'], 8)).toEqual(['SF1234567890']);
  });

  it('leaves a person typing alone, however they end', () => {
    const clock = { t: 0 };
    const d = new WedgeScanDetector({ now: () => clock.t });
    expect(feed(d, clock, [...'13800138000', 'Enter'], 180)).toEqual([]);
  });

  it('does not glue a slow prefix onto a scan that follows', () => {
    const clock = { t: 0 };
    const d = new WedgeScanDetector({ now: () => clock.t });
    feed(d, clock, [...'ab'], 300);
    clock.t += 1000;
    expect(feed(d, clock, [...'YT9876543210', 'Enter'], 5)).toEqual(['YT9876543210']);
  });

  it('ignores bursts too short to be a code', () => {
    const clock = { t: 0 };
    const d = new WedgeScanDetector({ now: () => clock.t, minLength: 6 });
    expect(feed(d, clock, [...'abc', 'Enter'], 5)).toEqual([]);
  });
});
