/**
 * Operator accounts on the kiosk: pulled from the county (entity `operator_account`), verified here
 * offline with the PIN KDF both sides share (sync/pin-kdf.ts).
 *
 * Invariants:
 * - 5 wrong PINs lock the account for 5 minutes. The count and the lock live in `meta`, so a reload or
 *   a power cut does not reset them, and they are written in the transaction that audits the attempt.
 * - A lock never lasts longer than LOCK_MS from now, whatever the stored time says: a village clock
 *   that jumps backwards must not lock an operator out for days.
 * - Every sign-in attempt (good, wrong, refused while locked) leaves an audit line for the county.
 */
import { verifyPin } from '../../sync/pin-kdf';
import { auditTables, recordAudit } from './audit';
import type { KioskDb, Pulled } from './db';

export type OperatorAccount = Pulled<'operator_account'>;
export type OperatorRole = OperatorAccount['role'];

/** Who is signed in: what the session and the audit log need, never the hash. */
export interface SignedInOperator {
  id: string;
  name: string;
  role: OperatorRole;
}

export const MAX_FAILURES = 5;
export const LOCK_MS = 5 * 60_000;

export interface LockState {
  failures: number;
  /** ms since the epoch (device clock); absent when not locked. */
  lockedUntil?: number;
}

export type SignInResult =
  | { ok: true; operator: SignedInOperator }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: number }
  | { ok: false; reason: 'no-account' };

const lockKey = (accountId: string) => `operator.lock.${accountId}`;

/** Accounts that may sign in on this terminal, by name (the picker on the sign-in screen). */
export async function activeAccounts(db: KioskDb): Promise<OperatorAccount[]> {
  const all = await db.operatorAccounts.toArray();
  return all.filter((a) => a.active).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * The lock as it stands at `now`: an expired lock reads as none. A lock further away than LOCK_MS
 * (the clock went backwards) is cut to LOCK_MS from now and stored so, or it would never run out.
 */
export async function lockStateOf(db: KioskDb, accountId: string, now: number): Promise<LockState> {
  const raw = (await db.meta.get(lockKey(accountId)))?.value as Partial<LockState> | undefined;
  const failures = typeof raw?.failures === 'number' ? raw.failures : 0;
  let until = typeof raw?.lockedUntil === 'number' ? raw.lockedUntil : undefined;
  if (until === undefined) return { failures };
  if (until > now + LOCK_MS) {
    until = now + LOCK_MS;
    await db.meta.put({ key: lockKey(accountId), value: { failures, lockedUntil: until } });
  }
  // An expired lock gives the operator a fresh set of attempts.
  return until > now ? { failures, lockedUntil: until } : { failures: 0 };
}

export const toSignedIn = (a: OperatorAccount): SignedInOperator => ({
  id: a.id,
  name: a.name,
  role: a.role,
});

export async function attemptSignIn(
  db: KioskDb,
  accountId: string,
  pin: string,
  now: () => Date = () => new Date(),
): Promise<SignInResult> {
  const account = await db.operatorAccounts.get(accountId);
  if (!account?.active) return { ok: false, reason: 'no-account' };
  const before = await lockStateOf(db, accountId, now().getTime());
  if (before.lockedUntil !== undefined) {
    await recordAudit(db, { kind: 'operator.signin_locked', detail: { accountId } }, now);
    return { ok: false, reason: 'locked', until: before.lockedUntil };
  }

  // Slow on purpose (≥ 100,000 PBKDF2 rounds): done outside any transaction, which must stay short.
  const good = await verifyPin(pin, account);

  return db.transaction('rw', [...auditTables.map((t) => db.table(t))], async (): Promise<SignInResult> => {
    const at = now().getTime();
    // Re-read: another attempt may have finished while the KDF ran.
    const state = await lockStateOf(db, accountId, at);
    if (state.lockedUntil !== undefined) return { ok: false, reason: 'locked', until: state.lockedUntil };
    if (good) {
      await db.meta.delete(lockKey(accountId));
      await recordAudit(
        db,
        { kind: 'operator.signin', operatorId: account.id, detail: { role: account.role } },
        now,
      );
      return { ok: true, operator: toSignedIn(account) };
    }
    const failures = state.failures + 1;
    const locked = failures >= MAX_FAILURES;
    const next: LockState = locked ? { failures, lockedUntil: at + LOCK_MS } : { failures };
    await db.meta.put({ key: lockKey(accountId), value: next });
    await recordAudit(
      db,
      { kind: locked ? 'operator.locked_out' : 'operator.wrong_pin', detail: { accountId, failures } },
      now,
    );
    return locked
      ? { ok: false, reason: 'locked', until: at + LOCK_MS }
      : { ok: false, reason: 'wrong-pin', attemptsLeft: MAX_FAILURES - failures };
  });
}

export async function recordSignOut(
  db: KioskDb,
  operator: SignedInOperator,
  reason: 'manual' | 'idle' | 'account-removed',
  now: () => Date = () => new Date(),
): Promise<void> {
  await recordAudit(db, { kind: 'operator.signout', operatorId: operator.id, detail: { reason } }, now);
}
