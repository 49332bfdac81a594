import { useTranslation } from 'react-i18next';
import { NumberPad } from '../../components/NumberPad';
import { groupPhone } from '../shop/spoken';

/** A mobile number on the phone-style keypad, shown grouped as people say it (138 0013 8000). */
export function PhoneEntry({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (next: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="send-phone">
      <output className="phone-display" aria-label={label} data-phone={value}>
        {value ? groupPhone(value) : <span className="phone-display__hint">{t('send.phoneHint')}</span>}
      </output>
      <NumberPad
        value={value}
        onChange={onChange}
        maxLength={11}
        labels={{ backspace: t('send.keyboard.backspace'), clear: t('send.keyboard.clear') }}
      />
    </div>
  );
}
