/**
 * Operator sign-in: pick your name, type your 6-digit PIN on the keypad. Verified on the terminal
 * (it works offline) against the hash the county published; see app/store/operators.ts for the lockout.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../components/BigButton';
import { NumberPad } from '../../components/NumberPad';
import { useOperatorSession } from '../../platform/operator-session';
import { activeAccounts, type OperatorAccount } from '../../store/operators';
import { PinDots } from './SignInParts';

const PIN_LENGTH = 6;

type Stage =
  | { kind: 'pick' }
  | {
      kind: 'pin';
      account: OperatorAccount;
      pin: string;
      busy: boolean;
      error?: string;
      /** Set while the account is locked; the keypad is disabled until then. */
      lockedUntil?: number;
    };

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

export function SignInScreen({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { db, signIn, lockOf, now } = useOperatorSession();
  const accounts = useLiveQuery(() => (db ? activeAccounts(db) : Promise.resolve([])), [db]);
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });

  const pick = async (account: OperatorAccount) => {
    const lock = await lockOf(account.id);
    setStage({
      kind: 'pin',
      account,
      pin: '',
      busy: false,
      ...(lock.lockedUntil !== undefined && {
        lockedUntil: lock.lockedUntil,
        error: t('signIn.locked', { time: clock(lock.lockedUntil) }),
      }),
    });
  };

  const submit = async (account: OperatorAccount, pin: string) => {
    setStage({ kind: 'pin', account, pin, busy: true });
    const result = await signIn(account.id, pin);
    if (result.ok) return; // the gate now shows what was asked for
    const error =
      result.reason === 'wrong-pin'
        ? t('signIn.wrongPin', { left: result.attemptsLeft })
        : result.reason === 'locked'
          ? t('signIn.locked', { time: clock(result.until) })
          : t('signIn.noAccount');
    setStage({
      kind: 'pin',
      account,
      pin: '',
      busy: false,
      error,
      ...(result.reason === 'locked' && { lockedUntil: result.until }),
    });
  };

  // A lock ends by itself: the keypad comes back when its time is up.
  const lockedUntil = stage.kind === 'pin' ? stage.lockedUntil : undefined;
  useEffect(() => {
    if (lockedUntil === undefined) return;
    const timer = setTimeout(
      () => setStage((s) => (s.kind === 'pin' ? { ...s, lockedUntil: undefined, error: undefined } : s)),
      Math.max(0, lockedUntil - now().getTime()),
    );
    return () => clearTimeout(timer);
  }, [lockedUntil, now]);

  if (stage.kind === 'pin') {
    const { account, pin, busy, error } = stage;
    const locked = lockedUntil !== undefined;
    const type = (next: string) => {
      if (busy || locked) return;
      const digits = next.replace(/\D/g, '').slice(0, PIN_LENGTH);
      setStage({ ...stage, pin: digits, error: undefined });
      if (digits.length === PIN_LENGTH) void submit(account, digits);
    };
    return (
      <section className="panel" aria-labelledby="signin-title">
        <h1 id="signin-title">{t('signIn.pinTitle', { name: account.name })}</h1>
        <PinDots length={pin.length} label={t('signIn.pinLabel')} />
        {busy && <p className="panel__body">{t('signIn.checking')}</p>}
        {error && (
          <p className="panel__error" role="alert">
            {error}
          </p>
        )}
        <fieldset className="signin-pad" disabled={busy || locked}>
          <NumberPad
            value={pin}
            onChange={type}
            maxLength={PIN_LENGTH}
            labels={{ backspace: t('signIn.backspace'), clear: t('signIn.clear') }}
          />
        </fieldset>
        <BigButton variant="secondary" onClick={() => setStage({ kind: 'pick' })}>
          {t('signIn.otherOperator')}
        </BigButton>
      </section>
    );
  }

  return (
    <section className="panel panel--wide" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signIn.title')}</h1>
      {accounts && accounts.length === 0 ? (
        <p className="panel__body">{t('signIn.noAccounts')}</p>
      ) : (
        <>
          <p className="panel__body">{t('signIn.pickName')}</p>
          <div className="operator-tasks">
            {accounts?.map((a) => (
              <BigButton key={a.id} variant="secondary" onClick={() => void pick(a)}>
                {a.name}
                <span className="signin-role">{t(`signIn.role.${a.role}`)}</span>
              </BigButton>
            ))}
          </div>
        </>
      )}
      <BigButton onClick={onCancel}>{t('nav.home')}</BigButton>
    </section>
  );
}
