import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberPad } from '../../components/NumberPad';
import { checkPhone, type PhoneProblem } from '../../store/orders';
import { groupPhone } from '../shop/spoken';

/** The phone number on the big keypad, checked before anything is looked up. */
export function PhoneEntry({ onPhone }: { onPhone: (phone: string) => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<PhoneProblem>();
  const submit = () => {
    const found = checkPhone(phone);
    if (found) setProblem(found);
    else onPhone(phone);
  };
  return (
    <section className="phone-entry" aria-labelledby="my-phone-label">
      <h2 id="my-phone-label">{t('myOrders.phoneLabel')}</h2>
      <output className="phone-display" aria-label={t('myOrders.phoneLabel')} data-phone={phone}>
        {phone ? groupPhone(phone) : <span className="phone-display__hint">{t('myOrders.phoneHint')}</span>}
      </output>
      <NumberPad
        value={phone}
        onChange={(next) => {
          setPhone(next);
          setProblem(undefined);
        }}
        maxLength={11}
        labels={{ backspace: t('myOrders.backspace'), clear: t('myOrders.clear') }}
      />
      {problem && (
        <p className="vscreen-error" role="alert">
          {t(`myOrders.phoneProblem.${problem}`, { count: phone.length })}
        </p>
      )}
      <button type="button" className="big-button big-button--primary phone-entry__go" onClick={submit}>
        {t('myOrders.lookup')}
      </button>
    </section>
  );
}
