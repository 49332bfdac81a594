/**
 * Who is working the point right now. The session lives in memory only: a reload, an idle spell or
 * the 返回首页 button ends it, so a villager who walks up to the screen never inherits an operator.
 *
 * The stable API other screens use:
 * - `useOperator()` → the signed-in operator (`{id, name, role}`) or null. Pass `operator.id` as
 *   `operatorId` to `recordAudit`, cash movements and mutations that carry it.
 * - `<RequireOperator role? onCancel>` renders its children only for a signed-in operator (of that
 *   role), and the sign-in keypad otherwise.
 * - `useOperatorSession()` → `{operator, signIn, signOut}` for the sign-in screen and the menu.
 * - `<FixedOperatorSession operator>` puts a given operator in context, for tests of screens that
 *   need one but are not about signing in.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDb } from '../store/db';
import {
  attemptSignIn,
  lockStateOf,
  recordSignOut,
  type LockState,
  type OperatorRole,
  type SignInResult,
  type SignedInOperator,
} from '../store/operators';
import { SignInScreen } from '../screens/operator/SignInScreen';
import { NeedsTechnician } from '../screens/operator/SignInParts';

export type { OperatorRole, SignedInOperator, SignInResult };

export type SignOutReason = 'manual' | 'idle' | 'account-removed';

export interface OperatorSession {
  operator: SignedInOperator | null;
  signIn: (accountId: string, pin: string) => Promise<SignInResult>;
  signOut: (reason?: SignOutReason) => Promise<void>;
  /** The account's lock as of now (the sign-in screen shows it before anyone types). */
  lockOf: (accountId: string) => Promise<LockState>;
  /** The session's clock (injected in tests). */
  now: () => Date;
  /** The database the accounts live in (null in a FixedOperatorSession). */
  db: KioskDb | null;
}

const systemNow = () => new Date();

const noSession: OperatorSession = {
  operator: null,
  signIn: () => Promise.resolve({ ok: false, reason: 'no-account' }),
  signOut: () => Promise.resolve(),
  lockOf: () => Promise.resolve({ failures: 0 }),
  now: systemNow,
  db: null,
};

const SessionContext = createContext<OperatorSession>(noSession);

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function OperatorSessionProvider({
  db,
  idleMs,
  now = systemNow,
  children,
}: {
  db: KioskDb;
  /** Signed out after this long untouched; keep it ≤ the kiosk's own idle-to-home timeout. */
  idleMs: number;
  now?: () => Date;
  children: ReactNode;
}) {
  const [operator, setOperatorState] = useState<SignedInOperator | null>(null);
  // The ref is the truth for sign-out, so an idle timer and a removed account racing each other
  // audit one sign-out, not two.
  const current = useRef<SignedInOperator | null>(null);

  const signOut = useCallback(
    async (reason: SignOutReason = 'manual') => {
      const who = current.current;
      if (!who) return;
      current.current = null;
      setOperatorState(null);
      await recordSignOut(db, who, reason, now);
    },
    [db, now],
  );

  const signIn = useCallback(
    async (accountId: string, pin: string) => {
      const result = await attemptSignIn(db, accountId, pin, now);
      if (result.ok) {
        current.current = result.operator;
        setOperatorState(result.operator);
      }
      return result;
    },
    [db, now],
  );
  const lockOf = useCallback((accountId: string) => lockStateOf(db, accountId, now().getTime()), [db, now]);

  // Idle sign-out: any touch or key restarts the clock while someone is signed in.
  useEffect(() => {
    if (!operator) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void signOut('idle'), idleMs);
    };
    arm();
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, arm, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, arm);
    };
  }, [operator, idleMs, signOut]);

  // An account the county deactivated or removed ends its session at the next pull.
  const account = useLiveQuery(
    async () => (operator ? ((await db.operatorAccounts.get(operator.id)) ?? null) : undefined),
    [db, operator],
  );
  useEffect(() => {
    if (operator && account !== undefined && (account === null || !account.active))
      void signOut('account-removed');
  }, [operator, account, signOut]);

  const value = useMemo(
    () => ({ operator, signIn, signOut, lockOf, now, db }),
    [operator, signIn, signOut, lockOf, now, db],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** For tests of screens that need an operator but are not about signing in. */
export function FixedOperatorSession({
  operator,
  children,
}: {
  operator: SignedInOperator | null;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ ...noSession, operator }), [operator]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useOperatorSession = (): OperatorSession => useContext(SessionContext);

/** The signed-in operator, or null (a villager is at the screen). */
export const useOperator = (): SignedInOperator | null => useContext(SessionContext).operator;

/** A technician may do everything an operator may; an operator may not do technician tasks. */
export const hasRole = (operator: SignedInOperator | null, role: OperatorRole): boolean =>
  operator !== null && (role === 'operator' || operator.role === 'technician');

/**
 * The gate in front of every operator screen: its children only for a signed-in operator with the
 * role; otherwise the sign-in keypad (or, for an operator on a technician task, a refusal).
 */
export function RequireOperator({
  role = 'operator',
  onCancel,
  children,
}: {
  role?: OperatorRole;
  /** Leaves the gate without signing in (back to the home screen). */
  onCancel: () => void;
  children: ReactNode;
}) {
  const { operator } = useOperatorSession();
  if (!operator) return <SignInScreen onCancel={onCancel} />;
  if (!hasRole(operator, role)) return <NeedsTechnician onBack={onCancel} />;
  return <>{children}</>;
}
