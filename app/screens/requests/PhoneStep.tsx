import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberPad } from '../../components/NumberPad';
import { checkPhone, type PhoneProblem } from '../../store/orders';
import { groupPhone } from '../shop/spoken';

/**
 * The villager's phone number on the big keypad, checked before it is used: it is who the request is
 * for and how the point calls them back (or, in 我的订单, whose records to show). A wrong number gets
 * a clear message and goes nowhere. `ns` is the i18n namespace with the step's words; `submit` its
 * button's key in that namespace.
 */
export function PhoneStep({
  onPhone,
  ns = 'requests',
  submit: submitKey = 'next',
}: {
  onPhone: (phone: string) => void;
  ns?: 'requests' | 'myOrders';
  submit?: 'next' | 'lookup';
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<PhoneProblem>();
  const submit = () => {
    const found = checkPhone(phone);
    if (found) setProblem(found);
    else onPhone(phone);
  };
  return (
    <section className="phone-entry" aria-labelledby={`${ns}-phone-label`}>
      <h2 id={`${ns}-phone-label`}>{t(`${ns}.phoneLabel`)}</h2>
      <output className="phone-display" aria-label={t(`${ns}.phoneLabel`)} data-phone={phone}>
        {phone ? groupPhone(phone) : <span className="phone-display__hint">{t(`${ns}.phoneHint`)}</span>}
      </output>
      <NumberPad
        value={phone}
        onChange={(next) => {
          setPhone(next);
          setProblem(undefined);
        }}
        maxLength={11}
        labels={{ backspace: t(`${ns}.backspace`), clear: t(`${ns}.clear`) }}
      />
      {problem && (
        <p className="vscreen-error" role="alert">
          {t(`${ns}.phoneProblem.${problem}`, { count: phone.length })}
        </p>
      )}
      <button type="button" className="big-button big-button--primary phone-entry__go" onClick={submit}>
        {t(`${ns}.${submitKey}`)}
      </button>
    </section>
  );
}
