import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberPad } from '../../components/NumberPad';

/**
 * A number typed on the big keypad in a dialog (quantity, amount in yuan, meter number). `check`
 * returns the message to show for a value that cannot be used; the dialog then stays open and the
 * value outside is unchanged.
 */
export function KeypadDialog({
  title,
  initial = '',
  maxLength,
  allowDot = false,
  suffix,
  check,
  onDone,
  onCancel,
}: {
  title: string;
  initial?: string;
  maxLength: number;
  allowDot?: boolean;
  suffix?: string;
  check: (value: string) => string | undefined;
  onDone: (value: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [problem, setProblem] = useState<string>();
  const done = () => {
    const found = check(value);
    if (found) setProblem(found);
    else onDone(value);
  };
  return (
    <div className="shop-dialog">
      <div className="qty-pad__panel req-pad" role="dialog" aria-label={title}>
        <h2>{title}</h2>
        <output className="qty-pad__display" aria-label={title}>
          {value || '—'}
          {suffix && <span className="req-pad__suffix"> {suffix}</span>}
        </output>
        <NumberPad
          value={value}
          onChange={(next) => {
            setValue(next);
            setProblem(undefined);
          }}
          maxLength={maxLength}
          allowDot={allowDot}
          labels={{ backspace: t('requests.backspace'), clear: t('requests.clear') }}
        />
        {allowDot && (
          <button type="button" className="big-button big-button--quiet" onClick={() => setValue('')}>
            {t('requests.clear')}
          </button>
        )}
        {problem && (
          <p className="vscreen-error" role="alert">
            {problem}
          </p>
        )}
        <div className="qty-pad__actions">
          <button type="button" className="big-button big-button--secondary" onClick={onCancel}>
            {t('requests.cancel')}
          </button>
          <button type="button" className="big-button big-button--primary" onClick={done}>
            {t('requests.ok')}
          </button>
        </div>
      </div>
    </div>
  );
}
