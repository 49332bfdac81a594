import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberPad } from '../../components/NumberPad';
import { checkPhone, type PhoneProblem } from '../../store/orders';
import { groupPhone } from '../shop/spoken';

/**
 * The villager's phone number on the big keypad, checked before it is used: it is who the request is
 * for and how the point calls them back. A wrong number gets a clear message and goes nowhere.
 */
export function PhoneStep({ onPhone }: { onPhone: (phone: string) => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<PhoneProblem>();
  const submit = () => {
    const found = checkPhone(phone);
    if (found) setProblem(found);
    else onPhone(phone);
  };
  return (
    <section className="phone-entry" aria-labelledby="req-phone-label">
      <h2 id="req-phone-label">{t('requests.phoneLabel')}</h2>
      <output className="phone-display" aria-label={t('requests.phoneLabel')} data-phone={phone}>
        {phone ? groupPhone(phone) : <span className="phone-display__hint">{t('requests.phoneHint')}</span>}
      </output>
      <NumberPad
        value={phone}
        onChange={(next) => {
          setPhone(next);
          setProblem(undefined);
        }}
        maxLength={11}
        labels={{ backspace: t('requests.backspace'), clear: t('requests.clear') }}
      />
      {problem && (
        <p className="vscreen-error" role="alert">
          {t(`requests.phoneProblem.${problem}`, { count: phone.length })}
        </p>
      )}
      <button type="button" className="big-button big-button--primary phone-entry__go" onClick={submit}>
        {t('requests.next')}
      </button>
    </section>
  );
}
