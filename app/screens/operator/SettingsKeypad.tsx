import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', ':/.-_@'] as const;

/**
 * The terminal has no keyboard: this keypad types into whichever settings field was tapped last
 * (addresses, serial ports, compartment ids), with a shift key for capitals (COM3, A07).
 */
export function SettingsKeypad({
  field,
  onKey,
  onBackspace,
  onClear,
  onDone,
}: {
  /** The label of the field being typed into. */
  field: string;
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [shift, setShift] = useState(false);
  return (
    <div className="settings-keypad" role="group" aria-label={t('settings.keypad.label', { field })}>
      <p className="settings-keypad__field">{t('settings.keypad.typingInto', { field })}</p>
      {ROWS.map((row) => (
        <div key={row} className="settings-keypad__row">
          {[...row].map((k) => {
            const key = shift ? k.toUpperCase() : k;
            return (
              <button key={k} type="button" className="code-keypad__key" onClick={() => onKey(key)}>
                {key}
              </button>
            );
          })}
        </div>
      ))}
      <div className="settings-keypad__row">
        <button
          type="button"
          className="code-keypad__key code-keypad__key--wide"
          aria-pressed={shift}
          onClick={() => setShift((s) => !s)}
        >
          {t('settings.keypad.shift')}
        </button>
        <button
          type="button"
          className="code-keypad__key code-keypad__key--wide"
          aria-label={t('settings.keypad.backspace')}
          onClick={onBackspace}
        >
          ⌫
        </button>
        <button type="button" className="code-keypad__key code-keypad__key--wide" onClick={onClear}>
          {t('settings.keypad.clear')}
        </button>
        <button type="button" className="code-keypad__key code-keypad__key--wide" onClick={onDone}>
          {t('settings.keypad.done')}
        </button>
      </div>
    </div>
  );
}
