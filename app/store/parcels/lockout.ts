/**
 * The pickup keypad's lockout: 5 wrong codes within 10 minutes lock it for 5 minutes, and the
 * operator is told. Pure rules over a small state that the store keeps in `meta` (pickup.ts), so a
 * reload or a restart does not hand a guesser a fresh set of tries.
 *
 * Times are device milliseconds. A clock set backwards must not lock the keypad forever: a lock
 * whose start lies in the future is treated as over, and failures "from the future" are dropped.
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 10 * 60_000;
export const LOCK_MS = 5 * 60_000;

export interface LockoutState {
  /** Times of wrong codes within the window, oldest first. */
  failures: number[];
  /** When the current lock started; absent when not locked. */
  lockedAt?: number;
}

export const emptyLockout: LockoutState = { failures: [] };

export function lockedUntil(s: LockoutState, now: number): number | undefined {
  if (s.lockedAt === undefined || s.lockedAt > now) return undefined;
  const until = s.lockedAt + LOCK_MS;
  return until > now ? until : undefined;
}

export const isLocked = (s: LockoutState, now: number): boolean => lockedUntil(s, now) !== undefined;

/** After a wrong code: the new state, and whether this failure started a lock (tell the operator once). */
export function recordFailure(s: LockoutState, now: number): { state: LockoutState; justLocked: boolean } {
  if (isLocked(s, now)) return { state: s, justLocked: false };
  const failures = [...s.failures.filter((t) => t <= now && now - t < FAILURE_WINDOW_MS), now];
  if (failures.length >= MAX_FAILURES) return { state: { failures: [], lockedAt: now }, justLocked: true };
  return { state: { failures }, justLocked: false };
}

/** A right code clears the count: a villager who mistyped twice and then got it right starts afresh. */
export const recordSuccess = (): LockoutState => ({ failures: [] });

/** Tries left before the lock, for the message 还可尝试 N 次. */
export function triesLeft(s: LockoutState, now: number): number {
  if (isLocked(s, now)) return 0;
  return MAX_FAILURES - s.failures.filter((t) => t <= now && now - t < FAILURE_WINDOW_MS).length;
}
