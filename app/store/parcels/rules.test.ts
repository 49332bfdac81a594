import type { Compartment } from '../../../kiosk-shell/api';
import { codeFromScan, hashCode, isShelfCode, qrPayload, randomCode, shelfCode } from './codes';
import { chooseCompartment, freeBySize } from './compartments';
import {
  FAILURE_WINDOW_MS,
  LOCK_MS,
  emptyLockout,
  isLocked,
  recordFailure,
  triesLeft,
  type LockoutState,
} from './lockout';
import { transition, type ParcelEvent } from './state';
import type { ParcelStatus } from './types';

/** A random source that replays fixed 32-bit words (big-endian), for deterministic draws. */
const words = (...ws: number[]) => {
  let i = 0;
  return (b: Uint8Array<ArrayBuffer>) => {
    const w = ws[i++ % ws.length]!;
    b.set([(w >>> 24) & 255, (w >>> 16) & 255, (w >>> 8) & 255, w & 255].slice(0, b.length));
    return b;
  };
};

describe('pickup codes', () => {
  it('are 6 digits, zero-padded, drawn without modulo bias', () => {
    expect(randomCode(words(42))).toBe('000042');
    expect(randomCode(words(1_000_123))).toBe('000123');
    // Words at or above the largest multiple of 10^6 below 2^32 are drawn again, not folded.
    expect(randomCode(words(0xffffffff, 7))).toBe('000007');
    for (let i = 0; i < 200; i++) expect(randomCode()).toMatch(/^\d{6}$/);
  });

  it('are hashed with the device salt, so the same code hashes differently on another device', async () => {
    const a = await hashCode('salt-a', '123456');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('123456');
    expect(await hashCode('salt-a', '123456')).toBe(a);
    expect(await hashCode('salt-b', '123456')).not.toBe(a);
  });

  it('are read back from the slip QR and from a typed or scanned bare code', () => {
    expect(qrPayload('004211', 'v-12')).toBe('VPK1:P:v-12:004211');
    expect(codeFromScan(qrPayload('004211', 'v-12'))).toBe('004211');
    expect(codeFromScan(' 123456 ')).toBe('123456');
    expect(codeFromScan('VPK1:P:v-12:12345')).toBeUndefined();
    expect(codeFromScan('6901234567890')).toBeUndefined();
  });
});

describe('shelf codes', () => {
  it('name rack, layer and a running number from rack × 1000', () => {
    expect(shelfCode(3, 1, 1)).toBe('3-1-3001');
    expect(shelfCode(3, 2, 2)).toBe('3-2-3002');
    expect(isShelfCode('3-1-3001')).toBe(true);
    expect(() => shelfCode(0, 1, 1)).toThrow(RangeError);
  });
});

describe('keypad lockout', () => {
  const t0 = 1_000_000_000;
  const fail = (s: LockoutState, at: number) => recordFailure(s, at).state;

  it('locks on the 5th wrong code within 10 minutes, for 5 minutes, and says so once', () => {
    let s = emptyLockout;
    for (let i = 0; i < 4; i++) s = fail(s, t0 + i * 60_000);
    expect(triesLeft(s, t0 + 4 * 60_000)).toBe(1);
    const fifth = recordFailure(s, t0 + 4 * 60_000);
    expect(fifth.justLocked).toBe(true);
    expect(isLocked(fifth.state, t0 + 4 * 60_000 + LOCK_MS - 1)).toBe(true);
    expect(isLocked(fifth.state, t0 + 4 * 60_000 + LOCK_MS)).toBe(false);
    expect(recordFailure(fifth.state, t0 + 5 * 60_000).justLocked).toBe(false);
  });

  it('forgets wrong codes older than 10 minutes', () => {
    let s = emptyLockout;
    for (let i = 0; i < 4; i++) s = fail(s, t0 + i * 1000);
    const later = recordFailure(s, t0 + FAILURE_WINDOW_MS + 5000);
    expect(later.justLocked).toBe(false);
    expect(triesLeft(later.state, t0 + FAILURE_WINDOW_MS + 5000)).toBe(4);
  });

  it('does not lock forever when the clock is set back', () => {
    const locked: LockoutState = { failures: [], lockedAt: t0 };
    expect(isLocked(locked, t0 - 3_600_000)).toBe(false);
  });
});

describe('parcel state machine', () => {
  const all: ParcelEvent['type'][] = ['open', 'open-failed', 'collected', 'released', 'returned'];
  const next = (s: ParcelStatus, type: ParcelEvent['type']) => {
    const t = transition(s, { type });
    return t.ok ? t.status : null;
  };

  it('allows exactly the documented transitions', () => {
    const table = Object.fromEntries(
      (['stored', 'opening', 'collected', 'returned'] as const).map((s) => [s, all.map((e) => next(s, e))]),
    );
    expect(table).toEqual({
      stored: ['opening', null, null, 'collected', 'returned'],
      opening: [null, 'stored', 'collected', 'collected', null],
      collected: [null, null, null, null, null],
      returned: [null, null, null, null, null],
    });
  });
});

describe('compartment choice', () => {
  const c = (id: string, size: 'S' | 'M' | 'L', extra: Partial<Compartment> = {}): Compartment => ({
    id,
    board: 1,
    lock: Number(id.slice(1)),
    size,
    door: 'closed',
    occupied: null,
    outOfService: false,
    ...extra,
  });
  const bank = [c('A02', 'S'), c('A01', 'S'), c('A05', 'M'), c('A09', 'L')];

  it('takes the lowest free id of the size, and a larger size only when none is free', () => {
    expect(chooseCompartment(bank, 'S', new Set())?.id).toBe('A01');
    expect(chooseCompartment(bank, 'S', new Set(['A01', 'A02']))?.id).toBe('A05');
    expect(chooseCompartment(bank, 'L', new Set(['A09']))).toBeUndefined();
    expect(chooseCompartment(bank, 'M', new Set(), new Set(['A05']))?.id).toBe('A09');
  });

  it('never offers an open door, an occupied one, or one out of service', () => {
    const odd = [
      c('A01', 'S', { door: 'open' }),
      c('A02', 'S', { occupied: true }),
      c('A03', 'S', { outOfService: true }),
    ];
    expect(chooseCompartment(odd, 'S', new Set())).toBeUndefined();
    expect(freeBySize([...odd, ...bank], new Set(['A09']))).toEqual({ S: 2, M: 1, L: 0 });
  });
});
