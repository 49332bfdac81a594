import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskTransport } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { RequireOperator } from '../../platform/operator-session';
import type { KioskDb } from '../../store/db';
import type { Regions } from '../../store/regions';
import {
  checkShipment,
  fullAddress,
  MAX_NAME_LENGTH,
  type ShipmentProblem,
  type ShipmentRow,
} from '../../store/shipments';
import { ShopTitle } from '../shop/SpeakButton';
import { groupPhone } from '../shop/spoken';
import { DoneView } from './DoneView';
import { labelRequest } from './label';
import { MineView } from './MineView';
import { OperatorView } from './OperatorView';
import { PhoneEntry } from './PhoneEntry';
import { usePrint } from './print';
import { problemText } from './problems';
import { isComplete, RegionPicker, type RegionPick } from './RegionPicker';
import { TextEntry } from './TextEntry';
import './send.css';

/** The villager's steps in order; 下一步 checks the step's own fields before moving on. */
const STEPS = [
  'senderName',
  'senderPhone',
  'recipientName',
  'recipientPhone',
  'region',
  'address',
  'review',
] as const;
type FormStep = (typeof STEPS)[number];

export type SendView =
  | { kind: 'start' }
  | { kind: 'form'; step: FormStep }
  | { kind: 'operator' }
  | { kind: 'done'; shipment: ShipmentRow }
  | { kind: 'mine' };

const FIELDS: Record<FormStep, ShipmentProblem['field'][]> = {
  senderName: ['senderName'],
  senderPhone: ['senderPhone'],
  recipientName: ['recipientName'],
  recipientPhone: ['recipientPhone'],
  region: ['region'],
  address: ['address'],
  review: ['senderName', 'senderPhone', 'recipientName', 'recipientPhone', 'region', 'address'],
};

/** The address below the county: 200 characters in the protocol, less on the label (checked later). */
const MAX_ADDRESS_LENGTH = 60;

/**
 * 寄件: the villager enters sender and recipient (names by chips and letters, phones on the keypad,
 * the region on pickers), then hands over to the operator, who weighs, picks the carrier and fee and
 * takes the cash. The label prints only after the shipment is committed. 我的寄件 shows tracking.
 *
 * Everything typed is this component's state: the idle timeout unmounts it, so the next villager
 * starts empty.
 */
export function SendScreen({ db, api, onHome }: { db: KioskDb; api: KioskTransport; onHome: () => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<SendView>({ kind: 'start' });
  const [senderName, setSenderName] = useState('');
  const [senderPhone, setSenderPhone] = useState('');
  const [recipientName, setRecipientName] = useState('');
  const [recipientPhone, setRecipientPhone] = useState('');
  const [pick, setPick] = useState<RegionPick>({});
  const [address, setAddress] = useState('');
  const [regions, setRegions] = useState<Regions>();
  const [problem, setProblem] = useState<string>();
  const { state: printState, print, reprint } = usePrint(api);
  const onRegions = useCallback((r: Regions) => setRegions(r), []);

  const regionDone = isComplete(regions, pick);
  const sender = { name: senderName, phone: senderPhone };
  const recipient = {
    name: recipientName,
    phone: recipientPhone,
    province: regionDone ? (pick.province?.name ?? '') : '',
    city: regionDone ? (pick.city?.name ?? '') : '',
    // A city without a county level stands for its own county (store/regions.ts addressParts).
    county: regionDone ? ((pick.county ?? pick.city)?.name ?? '') : '',
    address,
  };
  const typed: Record<ShipmentProblem['field'], string> = {
    senderName,
    senderPhone,
    recipientName,
    recipientPhone,
    region: '',
    address,
    weight: '',
    carrier: '',
    fee: '',
  };

  const go = (next: SendView) => {
    setProblem(undefined);
    setView(next);
  };

  /** Checks this step's fields (the weight, carrier and fee come later, from the operator). */
  const next = (step: FormStep) => {
    const problems = checkShipment({
      sender,
      recipient,
      carrier: '',
      weightGrams: 1,
      feeFen: 0,
      operatorId: 'x',
    }).filter((p) => FIELDS[step].includes(p.field));
    const first = problems[0];
    if (first) return setProblem(problemText(t, first, typed[first.field]));
    const i = STEPS.indexOf(step);
    go(step === 'review' ? { kind: 'operator' } : { kind: 'form', step: STEPS[i + 1]! });
  };

  const back = () => {
    if (view.kind === 'form') {
      const i = STEPS.indexOf(view.step);
      go(i === 0 ? { kind: 'start' } : { kind: 'form', step: STEPS[i - 1]! });
    } else if (view.kind === 'operator') go({ kind: 'form', step: 'review' });
    else go({ kind: 'start' });
  };

  const onSaved = (shipment: ShipmentRow) => {
    setView({ kind: 'done', shipment });
    // Committed: now the label may print (§4). Not awaited: the done view shows the outcome.
    void print(labelRequest(shipment, t('app.title')));
  };

  let body;
  switch (view.kind) {
    case 'start':
      body = (
        <div className="send-start">
          <ShopTitle title={t('send.title')} say={t('send.start.say')} />
          <div className="send-start__choices">
            <button
              type="button"
              className="send-start__choice"
              onClick={() => go({ kind: 'form', step: 'senderName' })}
            >
              <span className="choice__name">{t('send.start.newShipment')}</span>
              <span className="choice__hint">{t('send.start.newShipmentHint')}</span>
            </button>
            <button type="button" className="send-start__choice" onClick={() => go({ kind: 'mine' })}>
              <span className="choice__name">{t('send.start.mine')}</span>
              <span className="choice__hint">{t('send.start.mineHint')}</span>
            </button>
          </div>
        </div>
      );
      break;
    case 'form':
      body = (
        <div className="send-form" data-step={view.step}>
          {/* 下一步 sits in the title row: the keyboards fill the screen below, and it must never
              scroll out of sight on an 800 px kiosk. The problem shows right under it. */}
          <ShopTitle title={t(`send.step.${view.step}`)} say={t(`send.say.${view.step}`)}>
            <BigButton className="send-form__next" onClick={() => next(view.step)}>
              {view.step === 'review' ? t('send.review.handOver') : t('send.next')}
            </BigButton>
          </ShopTitle>
          {problem && (
            <p className="shop-error" role="alert">
              {problem}
            </p>
          )}
          {view.step === 'senderName' && (
            <TextEntry
              label={t('send.step.senderName')}
              value={senderName}
              onChange={setSenderName}
              hint={t('send.nameHint')}
              chips="name"
              maxLength={MAX_NAME_LENGTH}
            />
          )}
          {view.step === 'senderPhone' && (
            <PhoneEntry label={t('send.step.senderPhone')} value={senderPhone} onChange={setSenderPhone} />
          )}
          {view.step === 'recipientName' && (
            <TextEntry
              label={t('send.step.recipientName')}
              value={recipientName}
              onChange={setRecipientName}
              hint={t('send.nameHint')}
              chips="name"
              maxLength={MAX_NAME_LENGTH}
            />
          )}
          {view.step === 'recipientPhone' && (
            <PhoneEntry
              label={t('send.step.recipientPhone')}
              value={recipientPhone}
              onChange={setRecipientPhone}
            />
          )}
          {view.step === 'region' && (
            <RegionPicker
              pick={pick}
              onPick={(p) => {
                setProblem(undefined);
                setPick(p);
              }}
              onRegions={onRegions}
            />
          )}
          {view.step === 'address' && (
            <TextEntry
              label={t('send.step.address')}
              value={address}
              onChange={setAddress}
              hint={t('send.addressHint')}
              chips="address"
              maxLength={MAX_ADDRESS_LENGTH}
            />
          )}
          {view.step === 'review' && (
            <dl className="send-review">
              <dt>{t('send.review.sender')}</dt>
              <dd data-review="sender">
                {senderName} · {groupPhone(senderPhone)}
              </dd>
              <dt>{t('send.review.recipient')}</dt>
              <dd data-review="recipient">
                {recipientName} · {groupPhone(recipientPhone)}
                <br />
                {fullAddress(recipient)}
              </dd>
            </dl>
          )}
        </div>
      );
      break;
    case 'operator':
      body = (
        <div className="send-form">
          <h1>{t('send.step.operator')}</h1>
          {/* The operator signs in here (if not already): the cash is taken in their name. */}
          <RequireOperator onCancel={() => go({ kind: 'form', step: 'review' })}>
            <OperatorView db={db} sender={sender} recipient={recipient} onSaved={onSaved} />
          </RequireOperator>
        </div>
      );
      break;
    case 'done':
      body = (
        <DoneView
          shipment={view.shipment}
          print={printState}
          onReprint={() => void reprint(labelRequest(view.shipment, t('app.title')))}
          onFinish={onHome}
        />
      );
      break;
    case 'mine':
      body = <MineView db={db} />;
      break;
    default: {
      const unhandled: never = view;
      throw new Error(`unhandled send view ${JSON.stringify(unhandled)}`);
    }
  }

  return (
    <main className="shop send" aria-label={t('send.title')} data-view={view.kind}>
      <nav className="shop-bar">
        {view.kind !== 'start' && view.kind !== 'done' && (
          <button type="button" className="shop-bar__button" onClick={back}>
            ◀ {t('send.back')}
          </button>
        )}
        <button type="button" className="shop-bar__button" onClick={onHome}>
          {t('send.home')}
        </button>
        <span className="shop-bar__title">{t('send.title')}</span>
      </nav>
      <div className="shop-body">{body}</div>
    </main>
  );
}
