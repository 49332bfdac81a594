/**
 * 村民登记: the operator records a villager who agrees to it — phone on the keypad, a name if they
 * want, and their consent, which must be given before anything is saved (its time is kept).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../components/BigButton';
import { NumberPad } from '../../components/NumberPad';
import { useOperator } from '../../platform/operator-session';
import type { KioskDb } from '../../store/db';
import { PHONE_PATTERN, listVillagers, maskPhone, registerVillager } from '../../store/villagers';

type Message = { kind: 'ok' | 'bad'; text: string } | null;

export function VillagersScreen({ db, onBack }: { db: KioskDb; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const operator = useOperator();
  const villagers = useLiveQuery(() => listVillagers(db), [db]);
  const [form, setForm] = useState<{ phone: string; name: string; consent: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const save = async () => {
    if (!form || !operator) return;
    setSaving(true);
    const result = await registerVillager(db, { ...form, operatorId: operator.id });
    setSaving(false);
    if (result.ok) {
      setForm(null);
      setMessage({ kind: 'ok', text: t('villagers.saved', { phone: maskPhone(result.villager.phone) }) });
    } else if (result.code === 'ALREADY_REGISTERED') {
      setMessage({
        kind: 'bad',
        text: t('villagers.already', {
          phone: maskPhone(result.villager.phone),
          date: new Date(result.villager.registeredAt).toLocaleDateString(i18n.language),
        }),
      });
    } else {
      setMessage({ kind: 'bad', text: t(`villagers.error.${result.code}`) });
    }
  };

  const feedback = message && (
    <p
      className={message.kind === 'ok' ? 'panel__body' : 'panel__error'}
      role={message.kind === 'ok' ? 'status' : 'alert'}
    >
      {message.text}
    </p>
  );

  if (form) {
    const phoneOk = PHONE_PATTERN.test(form.phone);
    return (
      <section className="panel panel--wide villagers" aria-labelledby="villagers-title">
        <h1 id="villagers-title">{t('villagers.formTitle')}</h1>
        <output className="code-display" aria-label={t('villagers.phone')}>
          {form.phone.padEnd(11, '·')}
        </output>
        <NumberPad
          value={form.phone}
          maxLength={11}
          onChange={(phone) => setForm({ ...form, phone })}
          labels={{ backspace: t('villagers.backspace'), clear: t('villagers.clear') }}
        />
        {form.phone.length === 11 && !phoneOk && (
          <p className="panel__error" role="alert">
            {t('villagers.badPhone')}
          </p>
        )}
        <label className="villagers__name">
          {t('villagers.name')}
          <input
            value={form.name}
            maxLength={40}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        <button
          type="button"
          role="checkbox"
          aria-checked={form.consent}
          className={`villagers__consent ${form.consent ? 'villagers__consent--on' : ''}`}
          onClick={() => setForm({ ...form, consent: !form.consent })}
        >
          <span aria-hidden="true">{form.consent ? '☑' : '☐'}</span> {t('villagers.consent')}
        </button>
        {!form.consent && <p className="panel__body">{t('villagers.consentNeeded')}</p>}
        {feedback}
        <div className="panel__actions">
          <BigButton variant="secondary" onClick={() => setForm(null)}>
            {t('villagers.cancel')}
          </BigButton>
          <BigButton disabled={!phoneOk || !form.consent || saving} onClick={() => void save()}>
            {t('villagers.save')}
          </BigButton>
        </div>
      </section>
    );
  }

  return (
    <section className="panel panel--wide villagers" aria-labelledby="villagers-title">
      <h1 id="villagers-title">{t('villagers.title')}</h1>
      <p className="panel__body" data-count={villagers?.length ?? 0}>
        {t('villagers.count', { n: villagers?.length ?? 0 })}
      </p>
      {feedback}
      <BigButton
        onClick={() => {
          setMessage(null);
          setForm({ phone: '', name: '', consent: false });
        }}
      >
        {t('villagers.add')}
      </BigButton>
      <ul className="villagers__list">
        {villagers?.map((v) => (
          <li key={v.id}>
            <span>{maskPhone(v.phone)}</span>
            <span>{v.name ?? t('villagers.noName')}</span>
            <span>{new Date(v.registeredAt).toLocaleDateString(i18n.language)}</span>
          </li>
        ))}
      </ul>
      <BigButton variant="secondary" onClick={onBack}>
        {t('nav.back')}
      </BigButton>
    </section>
  );
}
