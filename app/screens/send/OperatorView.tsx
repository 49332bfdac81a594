import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { formatFen, parseYuan } from '../../components/money';
import { NumberPad } from '../../components/NumberPad';
import { useOperator } from '../../platform/operator-session';
import { carriers, parseWeight, quoteFeeFen } from '../../store/carriers';
import type { KioskDb } from '../../store/db';
import { recordShipment, type Party, type Recipient, type ShipmentRow } from '../../store/shipments';
import { problemText } from './problems';

type Target = 'weight' | 'fee';

/** 1250 → '12.50', as the keypad would type it (no thousands separators). */
const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * The operator's half of 寄件: the weight typed from the scale (kg or g), the carrier, the fee from
 * the price list (changeable), then 收现金: the shipment, its outbox mutation and the cash movement are
 * committed together (store/shipments.ts) before `onSaved`, which prints the label.
 */
export function OperatorView({
  db,
  sender,
  recipient,
  onSaved,
}: {
  db: KioskDb;
  sender: Party;
  recipient: Recipient;
  onSaved: (shipment: ShipmentRow) => void;
}) {
  const { t } = useTranslation();
  const [weightText, setWeightText] = useState('');
  const [unit, setUnit] = useState<'kg' | 'g'>('kg');
  const [carrier, setCarrier] = useState<string>();
  const [feeText, setFeeText] = useState<string>();
  const [target, setTarget] = useState<Target>('weight');
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  // Rendered behind the sign-in gate (SendScreen): the cash is taken by this operator.
  const operator = useOperator();

  const weightGrams = weightText === '' ? 0 : (parseWeight(weightText, unit) ?? Number.NaN);
  const quoted = carrier ? quoteFeeFen(carrier, weightGrams) : undefined;
  const feeFen = feeText !== undefined ? (parseYuan(feeText) ?? Number.NaN) : quoted;

  const save = async () => {
    setProblem(undefined);
    setSaving(true);
    const result = await recordShipment(db, {
      sender,
      recipient,
      carrier: carrier ?? '',
      weightGrams,
      feeFen: feeFen ?? Number.NaN,
      operatorId: operator?.id ?? '',
    });
    setSaving(false);
    if (result.ok) return onSaved(result.shipment);
    if (result.error.code === 'INVALID' && result.error.problems[0]) {
      const first = result.error.problems[0];
      // A fee that is not yet known is a weight or carrier problem: say that one first.
      return setProblem(problemText(t, first));
    }
    setProblem(t('send.problem.failed', { message: result.error.message }));
  };

  if (!operator) return null;
  return (
    <div className="send-operator">
      <section className="send-operator__pad">
        <div className="choice-row" role="radiogroup" aria-label={t('send.operator.weight')}>
          {(['kg', 'g'] as const).map((u) => (
            <button
              key={u}
              type="button"
              role="radio"
              aria-checked={unit === u}
              className={`choice choice--small ${unit === u ? 'choice--on' : ''}`}
              onClick={() => {
                setUnit(u);
                setWeightText('');
                setTarget('weight');
              }}
            >
              <span className="choice__name">
                {t(u === 'kg' ? 'send.operator.unitKg' : 'send.operator.unitG')}
              </span>
            </button>
          ))}
        </div>
        <p className="send-note">
          {t('send.operator.editing', {
            what: t(target === 'weight' ? 'send.operator.weight' : 'send.operator.fee'),
          })}
        </p>
        <NumberPad
          value={target === 'weight' ? weightText : (feeText ?? '')}
          onChange={(next) => {
            setProblem(undefined);
            if (target === 'weight') setWeightText(next);
            else setFeeText(next);
          }}
          maxLength={target === 'weight' ? (unit === 'kg' ? 7 : 6) : 7}
          allowDot={target === 'fee' || unit === 'kg'}
          labels={{ backspace: t('send.keyboard.backspace'), clear: t('send.keyboard.clear') }}
        />
      </section>
      <section className="send-operator__facts">
        <button
          type="button"
          className={`send-field ${target === 'weight' ? 'send-field--on' : ''}`}
          onClick={() => setTarget('weight')}
        >
          <span className="send-field__label">{t('send.operator.weight')}</span>
          <output
            className="send-field__value"
            aria-label={t('send.operator.weight')}
            data-grams={String(weightGrams)}
          >
            {weightText || '0'} {t(unit === 'kg' ? 'send.operator.unitKg' : 'send.operator.unitG')}
          </output>
        </button>
        <h2>{t('send.operator.carrier')}</h2>
        <div className="send-carriers" role="radiogroup" aria-label={t('send.operator.carrier')}>
          {carriers.map((c) => (
            <button
              key={c.name}
              type="button"
              role="radio"
              aria-checked={carrier === c.name}
              className={`choice choice--small ${carrier === c.name ? 'choice--on' : ''}`}
              onClick={() => {
                setCarrier(c.name);
                setProblem(undefined);
              }}
            >
              <span className="choice__name">{c.name}</span>
            </button>
          ))}
        </div>
        <button
          type="button"
          className={`send-field ${target === 'fee' ? 'send-field--on' : ''}`}
          onClick={() => {
            setTarget('fee');
            if (feeText === undefined) setFeeText(quoted !== undefined ? yuanText(quoted) : '');
          }}
        >
          <span className="send-field__label">
            {t('send.operator.fee')} ·{' '}
            {feeText === undefined ? t('send.operator.quoted') : t('send.operator.editFee')}
          </span>
          <output
            className="send-field__value"
            aria-label={t('send.operator.fee')}
            data-fen={String(feeFen ?? '')}
          >
            {feeFen !== undefined && Number.isSafeInteger(feeFen) ? <Money fen={feeFen} /> : '—'}
          </output>
        </button>
        {problem && (
          <p className="shop-error" role="alert">
            {problem}
          </p>
        )}
        <button
          type="button"
          className="big-button big-button--primary send-operator__take"
          disabled={saving}
          onClick={() => void save()}
        >
          {saving
            ? t('send.operator.saving')
            : t('send.operator.takeCash', {
                fee: feeFen !== undefined && Number.isSafeInteger(feeFen) ? formatFen(feeFen) : '—',
              })}
        </button>
      </section>
    </div>
  );
}
