/**
 * 培训记录: the operator records a training session held at the point — topic, day, how many came,
 * and (optionally) which registered villagers were there — for the county's trainee count.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../components/BigButton';
import { DatePicker, dayKey } from '../../components/DatePicker';
import { NumberPad } from '../../components/NumberPad';
import { useOperator } from '../../platform/operator-session';
import type { KioskDb } from '../../store/db';
import { recentTrainings, recordTraining } from '../../store/training';
import { listVillagers, maskPhone } from '../../store/villagers';

/** The topics the provincial programme trains most; anything else is typed. */
const TOPICS = ['phoneShopping', 'sellOnline', 'liveStreaming', 'antiFraud'] as const;

interface Form {
  topic: string;
  date: string;
  count: string;
  phones: string[];
}

export function TrainingScreen({
  db,
  onBack,
  today: givenToday,
}: {
  db: KioskDb;
  onBack: () => void;
  /** The day the date picker counts back from (tests fix it); the device's today otherwise. */
  today?: Date;
}) {
  const { t, i18n } = useTranslation();
  const [today] = useState(() => givenToday ?? new Date());
  const operator = useOperator();
  const trainings = useLiveQuery(() => recentTrainings(db), [db]);
  const villagers = useLiveQuery(() => listVillagers(db), [db]);
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);

  const save = async (f: Form) => {
    if (!operator) return;
    const result = await recordTraining(db, {
      topic: f.topic,
      date: f.date,
      attendees: Number(f.count || '0'),
      attendeePhones: f.phones,
      operatorId: operator.id,
    });
    if (result.ok) {
      setForm(null);
      setMessage({
        kind: 'ok',
        text: t('training.saved', { topic: result.training.topic, n: result.training.attendees }),
      });
    } else
      setMessage({
        kind: 'bad',
        text: t(`training.error.${result.field === 'attendees' ? 'attendees' : 'topic'}`),
      });
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
    const toggle = (phone: string) => {
      const phones = form.phones.includes(phone)
        ? form.phones.filter((p) => p !== phone)
        : [...form.phones, phone];
      // The head count is never below the villagers ticked: raise it with them.
      const count = Math.max(Number(form.count || '0'), phones.length);
      setForm({ ...form, phones, count: count ? String(count) : '' });
    };
    return (
      <section className="panel panel--wide training" aria-labelledby="training-title">
        <h1 id="training-title">{t('training.formTitle')}</h1>
        <fieldset className="training__topics">
          <legend>{t('training.topic')}</legend>
          {TOPICS.map((key) => {
            const label = t(`training.topics.${key}`);
            return (
              <button
                key={key}
                type="button"
                role="radio"
                aria-checked={form.topic === label}
                className={`training__topic ${form.topic === label ? 'training__topic--on' : ''}`}
                onClick={() => setForm({ ...form, topic: label })}
              >
                {label}
              </button>
            );
          })}
          <label>
            {t('training.otherTopic')}
            <input
              value={form.topic}
              maxLength={100}
              onChange={(e) => setForm({ ...form, topic: e.target.value })}
            />
          </label>
        </fieldset>
        <DatePicker
          today={today}
          days={60}
          direction="past"
          value={form.date}
          onChange={(date) => setForm({ ...form, date })}
          labels={{
            relative: { 0: t('training.today'), [-1]: t('training.yesterday') },
            earlier: t('training.earlier'),
            later: t('training.later'),
            pick: t('training.date'),
          }}
          locale={i18n.language}
        />
        <output className="code-display" aria-label={t('training.count')}>
          {t('training.people', { n: form.count || '0' })}
        </output>
        <NumberPad
          value={form.count}
          maxLength={4}
          onChange={(count) => setForm({ ...form, count })}
          labels={{ backspace: t('training.backspace'), clear: t('training.clear') }}
        />
        {villagers && villagers.length > 0 && (
          <fieldset className="training__attendees">
            <legend>{t('training.whoCame')}</legend>
            {villagers.map((v) => (
              <button
                key={v.id}
                type="button"
                role="checkbox"
                aria-checked={form.phones.includes(v.phone)}
                className="training__attendee"
                onClick={() => toggle(v.phone)}
              >
                {maskPhone(v.phone)} {v.name ?? ''}
              </button>
            ))}
          </fieldset>
        )}
        {feedback}
        <div className="panel__actions">
          <BigButton variant="secondary" onClick={() => setForm(null)}>
            {t('training.cancel')}
          </BigButton>
          <BigButton disabled={!form.topic.trim() || !Number(form.count)} onClick={() => void save(form)}>
            {t('training.save')}
          </BigButton>
        </div>
      </section>
    );
  }

  return (
    <section className="panel panel--wide training" aria-labelledby="training-title">
      <h1 id="training-title">{t('training.title')}</h1>
      {feedback}
      <BigButton
        onClick={() => {
          setMessage(null);
          setForm({ topic: '', date: dayKey(today), count: '', phones: [] });
        }}
      >
        {t('training.add')}
      </BigButton>
      {trainings?.length === 0 && <p className="panel__body">{t('training.empty')}</p>}
      <ul className="training__list">
        {trainings?.map((s) => (
          <li key={s.id}>
            <span>{s.date}</span>
            <span>{s.topic}</span>
            <span>{t('training.people', { n: s.attendees })}</span>
          </li>
        ))}
      </ul>
      <BigButton variant="secondary" onClick={onBack}>
        {t('nav.back')}
      </BigButton>
    </section>
  );
}
