import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberPad } from '../../components/NumberPad';
import { checkQty, type QtyProblem } from '../../store/orders';

/**
 * − quantity + with ≥ 64 px targets. Buying 50 bags of fertiliser by tapping + is a chore, so tapping
 * the number opens a keypad; a quantity outside 1..9999 is explained and changes nothing.
 */
export function QuantityStepper({
  value,
  unit,
  onChange,
  onProblem,
  label,
}: {
  value: number;
  unit: string;
  onChange: (qty: number) => void;
  onProblem: (problem: QtyProblem) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const [typing, setTyping] = useState<string>();
  const [typedProblem, setTypedProblem] = useState<QtyProblem>();

  const step = (qty: number) => {
    const problem = checkQty(qty);
    if (problem) onProblem(problem);
    else onChange(qty);
  };
  const confirmTyped = () => {
    const qty = Number(typing || '0');
    const problem = checkQty(qty);
    if (problem) return setTypedProblem(problem);
    setTyping(undefined);
    setTypedProblem(undefined);
    onChange(qty);
  };

  return (
    <div className="stepper" role="group" aria-label={label}>
      <button
        type="button"
        className="stepper__button"
        aria-label={t('shop.decrease', { unit })}
        onClick={() => step(value - 1)}
      >
        −
      </button>
      <button
        type="button"
        className="stepper__value"
        // The visible "3袋" leads the name (axe label-content-name-mismatch: speech users say what they see).
        aria-label={`${value}${unit} ${t('shop.typeQty')}`}
        onClick={() => setTyping('')}
      >
        <output>{value}</output>
        <span className="stepper__unit">{unit}</span>
      </button>
      <button
        type="button"
        className="stepper__button"
        aria-label={t('shop.increase', { unit })}
        onClick={() => step(value + 1)}
      >
        +
      </button>
      {typing !== undefined && (
        <div className="qty-pad" role="dialog" aria-label={t('shop.typeQty')}>
          <div className="qty-pad__panel">
            <div className="qty-pad__display" aria-live="polite">
              {typing || ' '} <span className="stepper__unit">{unit}</span>
            </div>
            {typedProblem && (
              <p className="shop-error" role="alert">
                {t(`shop.qtyProblem.${typedProblem}`)}
              </p>
            )}
            <NumberPad
              value={typing}
              onChange={(next) => {
                setTyping(next);
                setTypedProblem(undefined);
              }}
              maxLength={5}
              labels={{ backspace: t('shop.keyboard.backspace'), clear: t('shop.keyboard.clear') }}
            />
            <div className="qty-pad__actions">
              <button
                type="button"
                className="big-button big-button--secondary"
                onClick={() => {
                  setTyping(undefined);
                  setTypedProblem(undefined);
                }}
              >
                {t('shop.qtyCancel')}
              </button>
              <button type="button" className="big-button big-button--primary" onClick={confirmTyped}>
                {t('shop.qtyDone')}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
