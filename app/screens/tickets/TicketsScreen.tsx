import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDb } from '../../store/db';
import { ticketConfirmation, type TicketRequestRow } from '../../store/tickets';
import { VillagerFrame } from '../common/VillagerFrame';
import { formatDay, formatTime, usePickerLabels } from '../requests/labels';
import { PhoneStep } from '../requests/PhoneStep';
import { statusText } from '../requests/StatusLine';
import { groupPhone } from '../shop/spoken';
import { loadTickets } from './load';
import { TicketForm } from './TicketForm';
import { TicketRows } from './TicketRows';
import '../requests/requests.css';

type View =
  { kind: 'phone' } | { kind: 'list' } | { kind: 'form' } | { kind: 'done'; ticket: TicketRequestRow };

/**
 * 订票: the villager's phone, their ticket requests with the county's answer (seat, departure, fare),
 * and a new request (route, day, passengers) kept with its outbox mutation in one transaction.
 */
export function TicketsScreen({ db, onHome, today }: { db: KioskDb; onHome: () => void; today?: Date }) {
  const { t } = useTranslation();
  const { locale } = usePickerLabels();
  const [phone, setPhone] = useState<string>();
  const [view, setView] = useState<View>({ kind: 'phone' });
  const rows = useLiveQuery(() => (phone ? loadTickets(db, phone) : undefined), [db, phone]);
  const line = (r: TicketRequestRow) =>
    t('requests.tickets.line', {
      route: r.route,
      date: formatDay(r.travelDate, locale),
      count: r.passengers,
    });

  let body;
  let say: string;
  let onBack: (() => void) | undefined;
  switch (view.kind) {
    case 'phone':
      say = t('requests.phoneHint');
      body = (
        <PhoneStep
          onPhone={(p) => {
            setPhone(p);
            setView({ kind: 'list' });
          }}
        />
      );
      break;
    case 'list':
      say = [
        t('requests.tickets.say.list', { count: rows?.length ?? 0 }),
        ...(rows ?? []).slice(0, 3).map((r) => {
          const seat = r.status?.status === 'confirmed' ? ticketConfirmation(r.status.detail) : {};
          return (
            t('requests.tickets.say.row', {
              date: formatDay(r.ticket.travelDate, locale),
              route: r.ticket.route,
              status: statusText(t, 'ticket', r.status, r.sync),
            }) +
            (seat.seat && seat.departsAt
              ? t('requests.tickets.say.seat', { seat: seat.seat, time: formatTime(seat.departsAt, locale) })
              : '')
          );
        }),
      ].join('');
      onBack = () => setView({ kind: 'phone' });
      body = (
        <>
          <div className="req-head">
            <h2>
              {t('requests.tickets.records')} · {t('requests.phoneOf', { phone: groupPhone(phone ?? '') })}
            </h2>
            <button
              type="button"
              className="big-button big-button--primary"
              onClick={() => setView({ kind: 'form' })}
            >
              {t('requests.tickets.new')}
            </button>
          </div>
          <TicketRows rows={rows} />
        </>
      );
      break;
    case 'form':
      say = t('requests.tickets.say.form');
      onBack = () => setView({ kind: 'list' });
      body = (
        <TicketForm
          db={db}
          phone={phone ?? ''}
          {...(today && { today })}
          onDone={(ticket) => setView({ kind: 'done', ticket })}
        />
      );
      break;
    case 'done': {
      const ticket = view.ticket;
      const mine = rows?.filter((r) => r.ticket.id === ticket.id);
      say = t('requests.tickets.say.done', { line: line(ticket) });
      body = (
        <section className="req-done" data-request-id={ticket.id}>
          <h2>{t('requests.tickets.doneTitle')}</h2>
          <p className="req-done__line">{line(ticket)}</p>
          <p className="vscreen-note">{t('requests.tickets.doneBody')}</p>
          {mine && mine.length > 0 && <TicketRows rows={mine} />}
          <button
            type="button"
            className="big-button big-button--primary"
            onClick={() => setView({ kind: 'list' })}
          >
            {t('requests.done')}
          </button>
        </section>
      );
      break;
    }
  }

  return (
    <VillagerFrame
      title={t('requests.tickets.title')}
      say={say}
      onHome={onHome}
      onBack={onBack}
      name={{ id: 'tickets', label: t('requests.tickets.title') }}
    >
      {body}
    </VillagerFrame>
  );
}
