/**
 * 取件 — the villager's pickup: six digits on a big keypad (or the slip's QR under the scanner) →
 * verified on the kiosk, no link needed → each parcel of that phone in turn: its compartment opens,
 * "请取件并关门", and it is collected when the door closes. Shelf parcels show their shelf code for
 * the staff; an overdue parcel with a fee due sends the villager to the counter; a door that does not
 * open is explained and the operator is alerted (store/parcels does the recording).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskTransport } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { formatFen } from '../../components/money';
import { NumberPad } from '../../components/NumberPad';
import { useOperator } from '../../platform/operator-session';
import { useScans } from '../../platform/scans';
import { SpeakButton } from '../shop/SpeakButton';
import type { KioskDb } from '../../store/db';
import {
  handOverShelfParcel,
  keypadLockedUntil,
  markShelfVerified,
  openForPickup,
  reconcileParcels,
  verifyCode,
  type PickupItem,
} from '../../store/parcels';
import './pickup.css';

type Step =
  | { kind: 'opening' }
  | { kind: 'take'; wait: 'waiting' | 'still-open' | 'no-answer' }
  | { kind: 'shelf' }
  | { kind: 'fee'; feeDueFen: number }
  | { kind: 'fault'; reason: string }
  | { kind: 'abandoned' };

type Phase =
  | { kind: 'enter'; wrong?: number }
  | { kind: 'checking' }
  | { kind: 'locked'; minutes: number }
  | { kind: 'handing'; items: PickupItem[]; index: number; step: Step; collected: number }
  | { kind: 'done'; collected: number };

const minutesUntil = (until: number, now: Date) => Math.max(1, Math.ceil((until - now.getTime()) / 60_000));

export interface PickupScreenProps {
  db: KioskDb;
  api: KioskTransport;
  onHome: () => void;
  /** The signed-in operator, when there is one: lets the staff confirm a shelf hand-over here. */
  operatorId?: string;
  now?: () => Date;
}

export function PickupScreen({ db, api, onHome, operatorId, now = () => new Date() }: PickupScreenProps) {
  const { t } = useTranslation();
  const signedIn = useOperator();
  const staff = operatorId ?? signedIn?.id;
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'enter' });
  const abort = useRef(new AbortController());
  const nowRef = useRef(now);

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    // Settle any door a cut-off pickup left behind before a new one starts (queries only).
    void reconcileParcels(db, api).catch(() => undefined);
    void keypadLockedUntil(db, nowRef.current()).then((until) => {
      if (until !== undefined && !controller.signal.aborted) {
        setPhase({ kind: 'locked', minutes: minutesUntil(until, nowRef.current()) });
      }
    });
    return () => controller.abort();
  }, [db, api]);

  const run = useCallback(
    async (items: PickupItem[], from: number, collected: number) => {
      let done = collected;
      for (let index = from; index < items.length; index++) {
        const item = items[index]!;
        const show = (step: Step) => setPhase({ kind: 'handing', items, index, step, collected: done });
        if (item.parcel.location.kind === 'shelf') {
          await markShelfVerified(db, item.parcel.id, nowRef.current());
          return show({ kind: 'shelf' });
        }
        if (item.feeDueFen > 0) return show({ kind: 'fee', feeDueFen: item.feeDueFen });
        show({ kind: 'opening' });
        const r = await openForPickup(db, api, item.parcel.id, {
          method: 'code',
          signal: abort.current.signal,
          now: nowRef.current,
          onProgress: (p) =>
            show(p.step === 'opening' ? { kind: 'opening' } : { kind: 'take', wait: p.wait }),
        });
        if (abort.current.signal.aborted) return;
        if (r.ok) {
          done++;
          continue;
        }
        if (r.reason === 'door-fault') return show({ kind: 'fault', reason: t(`kioskError.${r.code}`) });
        if (r.reason === 'fee-due') return show({ kind: 'fee', feeDueFen: r.feeDueFen });
        if (r.reason === 'abandoned') return show({ kind: 'abandoned' });
        // not-waiting / shelf: someone else settled it meanwhile; go on with the rest.
      }
      setPhase({ kind: 'done', collected: done });
    },
    [db, api, t],
  );

  const submit = useCallback(
    async (typed: string) => {
      setPhase({ kind: 'checking' });
      const r = await verifyCode(db, typed, nowRef.current);
      setCode('');
      if (r.ok) return run(r.items, 0, 0);
      if (r.reason === 'locked')
        return setPhase({ kind: 'locked', minutes: minutesUntil(r.until, nowRef.current()) });
      setPhase({ kind: 'enter', wrong: r.triesLeft });
    },
    [db, run],
  );

  useScans(
    (scan) => {
      if (scan.kind === 'pickup') void submit(scan.pickupCode);
    },
    { enabled: phase.kind === 'enter', api },
  );

  const next = () => {
    if (phase.kind === 'handing') void run(phase.items, phase.index + 1, phase.collected);
  };

  // Read aloud what the screen says now (prompt, compartment, shelf code, fault), never the digits
  // typed so far: someone may be standing behind the villager.
  const sectionRef = useRef<HTMLElement>(null);
  const spokenFacts = () =>
    [
      t('parcels.pickup.title'),
      ...[
        ...(sectionRef.current?.querySelectorAll('.pickup__big, .pickup__message, .pickup__hint') ?? []),
      ].map((el) => el.textContent ?? ''),
    ].join('。');

  let body;
  switch (phase.kind) {
    case 'enter':
    case 'checking':
      body = (
        <>
          <p className="pickup__message">{t('parcels.pickup.prompt')}</p>
          <p className="pickup__code" aria-label={t('parcels.pickup.codeLabel')}>
            {code.padEnd(6, '·')}
          </p>
          {phase.kind === 'enter' && phase.wrong !== undefined && (
            <p className="pickup__message pickup__message--bad" role="alert">
              {t('parcels.pickup.wrong', { count: phase.wrong })}
            </p>
          )}
          <NumberPad
            value={code}
            onChange={setCode}
            maxLength={6}
            labels={{ backspace: t('parcels.pickup.backspace'), clear: '×' }}
          />
          <BigButton
            disabled={code.length !== 6 || phase.kind === 'checking'}
            onClick={() => void submit(code)}
          >
            {phase.kind === 'checking' ? t('parcels.pickup.checking') : t('parcels.pickup.submit')}
          </BigButton>
          <p className="pickup__hint">{t('parcels.pickup.lostCode')}</p>
        </>
      );
      break;
    case 'locked':
      body = (
        <p className="pickup__message pickup__message--bad" role="alert">
          {t('parcels.pickup.locked', { minutes: phase.minutes })}
        </p>
      );
      break;
    case 'handing':
      body = <HandingView phase={phase} operatorId={staff} db={db} onNext={next} />;
      break;
    case 'done':
      body = (
        <p className="pickup__big" role="status">
          {t('parcels.pickup.allDone')}
        </p>
      );
      break;
  }

  return (
    <section ref={sectionRef} className="panel panel--wide pickup" aria-labelledby="pickup-title">
      <div className="pickup__title">
        <h1 id="pickup-title">{t('parcels.pickup.title')}</h1>
        <SpeakButton text={spokenFacts} />
      </div>
      {body}
      <BigButton variant="secondary" onClick={onHome}>
        {t('nav.home')}
      </BigButton>
    </section>
  );
}

function HandingView({
  phase,
  operatorId,
  db,
  onNext,
}: {
  phase: Extract<Phase, { kind: 'handing' }>;
  operatorId: string | undefined;
  db: KioskDb;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const { parcel } = phase.items[phase.index]!;
  const id = parcel.location.kind === 'locker' ? parcel.location.compartmentId : '';
  const left = phase.items.length - phase.index - 1;
  const step = phase.step;
  const more = left > 0 ? <p className="pickup__hint">{t('parcels.pickup.next', { count: left })}</p> : null;
  switch (step.kind) {
    case 'opening':
      return <p className="pickup__message">{t('parcels.pickup.opening')}</p>;
    case 'take':
      return (
        <>
          <p className="pickup__big" role="status" data-compartment={id}>
            {t('parcels.pickup.takeAndClose', { id })}
          </p>
          {step.wait !== 'waiting' && (
            <p className="pickup__message">
              {t(step.wait === 'still-open' ? 'parcels.pickup.stillOpen' : 'parcels.pickup.noAnswer')}
            </p>
          )}
          {more}
        </>
      );
    case 'shelf':
      return (
        <>
          <p className="pickup__message">{t('parcels.pickup.shelf')}</p>
          <p
            className="pickup__big"
            data-shelf-code={parcel.location.kind === 'shelf' ? parcel.location.code : ''}
          >
            {t('parcels.pickup.shelfCode', {
              code: parcel.location.kind === 'shelf' ? parcel.location.code : '',
            })}
          </p>
          {operatorId && (
            <BigButton
              onClick={() => void handOverShelfParcel(db, parcel.id, operatorId, 'code').then(onNext, onNext)}
            >
              {t('parcels.pickup.shelfDone')}
            </BigButton>
          )}
          <BigButton variant="secondary" onClick={onNext}>
            {t('parcels.pickup.continue')}
          </BigButton>
        </>
      );
    case 'fee':
      return (
        <>
          <p className="pickup__message pickup__message--bad" role="alert">
            {t('parcels.pickup.feeDue', { fee: formatFen(step.feeDueFen) })}
          </p>
          <BigButton variant="secondary" onClick={onNext}>
            {t('parcels.pickup.continue')}
          </BigButton>
        </>
      );
    case 'fault':
      return (
        <>
          <p className="pickup__message pickup__message--bad" role="alert">
            {t('parcels.pickup.doorFault', { id, reason: step.reason })}
          </p>
          <BigButton variant="secondary" onClick={onNext}>
            {t('parcels.pickup.continue')}
          </BigButton>
        </>
      );
    case 'abandoned':
      return (
        <p className="pickup__message pickup__message--bad" role="alert">
          {t('parcels.pickup.abandoned')}
        </p>
      );
  }
}
