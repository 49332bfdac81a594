import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DatePicker } from '../../components/DatePicker';
import type { KioskDb } from '../../store/db';
import {
  BOOKING_DAYS_AHEAD,
  MAX_PASSENGERS,
  ROUTES,
  requestTicket,
  ticketProblem,
  type TicketProblem,
  type TicketRequestRow,
} from '../../store/tickets';
import { ChoiceGrid } from '../requests/ChoiceGrid';
import { usePickerLabels } from '../requests/labels';

/** Route from the list, travel day from the picker, passengers by − / +; nothing typed. */
export function TicketForm({
  db,
  phone,
  today = new Date(),
  onDone,
}: {
  db: KioskDb;
  phone: string;
  today?: Date;
  onDone: (ticket: TicketRequestRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = usePickerLabels();
  const [route, setRoute] = useState<string>();
  const [travelDate, setTravelDate] = useState<string>();
  const [passengers, setPassengers] = useState(1);
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  const problemText = (p: TicketProblem) =>
    p.field === 'phone'
      ? t(`requests.phoneProblem.${p.problem}`, { count: phone.length })
      : p.field === 'route'
        ? t('requests.tickets.problem.route')
        : p.field === 'travelDate'
          ? t(`requests.tickets.problem.${p.problem === 'empty' ? 'dateEmpty' : p.problem}`)
          : t(`requests.tickets.problem.${p.problem}`);

  const change = (next: number) => {
    if (next < 1) return setProblem(t('requests.tickets.problem.min'));
    if (next > MAX_PASSENGERS) return setProblem(t('requests.tickets.problem.max'));
    setProblem(undefined);
    setPassengers(next);
  };

  const submit = async () => {
    const input = { phone, route: route ?? '', travelDate: travelDate ?? '', passengers };
    const found = ticketProblem(input, today);
    if (found) return setProblem(problemText(found));
    setSaving(true);
    const result = await requestTicket(db, input, { now: () => new Date() });
    setSaving(false);
    if (!result.ok) return setProblem(t('requests.failed', { message: result.error.message }));
    onDone(result.value);
  };

  return (
    <section className="req-form" aria-label={t('requests.tickets.formTitle')}>
      <h3>{t('requests.tickets.route')}</h3>
      <ChoiceGrid
        label={t('requests.tickets.route')}
        columns={2}
        options={ROUTES.map((r) => ({ value: r.name, name: i18n.language === 'en' ? r.nameEn : r.name }))}
        value={route}
        onChange={(r) => {
          setRoute(r);
          setProblem(undefined);
        }}
      />
      <h3>{t('requests.tickets.date')}</h3>
      <DatePicker
        today={today}
        days={BOOKING_DAYS_AHEAD + 1}
        direction="future"
        value={travelDate}
        onChange={(d) => {
          setTravelDate(d);
          setProblem(undefined);
        }}
        labels={labels.date}
        locale={labels.locale}
      />
      <div className="req-stepper">
        <h3>{t('requests.tickets.passengers')}</h3>
        <button
          type="button"
          className="big-button big-button--secondary"
          onClick={() => change(passengers - 1)}
        >
          − {t('requests.tickets.fewer')}
        </button>
        <output aria-label={t('requests.tickets.passengers')}>
          {t('requests.tickets.people', { count: passengers })}
        </output>
        <button
          type="button"
          className="big-button big-button--secondary"
          onClick={() => change(passengers + 1)}
        >
          + {t('requests.tickets.more')}
        </button>
      </div>
      {problem && (
        <p className="vscreen-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="big-button big-button--primary req-submit"
        disabled={saving}
        onClick={() => void submit()}
      >
        {t('requests.tickets.submit')}
      </button>
    </section>
  );
}
