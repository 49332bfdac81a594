import { useTranslation } from 'react-i18next';
import type { KioskDb } from '../../store/db';
import { ticketConfirmation, type TicketRequestRow } from '../../store/tickets';
import { formatDay, formatTime, usePickerLabels } from '../requests/labels';
import { RequestDone, RequestFlow } from '../requests/RequestFlow';
import { statusText } from '../requests/StatusLine';
import { loadTickets, type TicketView } from './load';
import { TicketForm } from './TicketForm';
import { TicketRows } from './TicketRows';

type View = { kind: 'form' } | { kind: 'done'; ticket: TicketRequestRow };

/**
 * 订票: the villager's phone, their ticket requests with the county's answer (seat, departure, fare),
 * and a new request (route, day, passengers) kept with its outbox mutation in one transaction.
 */
export function TicketsScreen({ db, onHome, today }: { db: KioskDb; onHome: () => void; today?: Date }) {
  const { t } = useTranslation();
  const { locale } = usePickerLabels();
  const line = (r: TicketRequestRow) =>
    t('requests.tickets.line', {
      route: r.route,
      date: formatDay(r.travelDate, locale),
      count: r.passengers,
    });

  return (
    <RequestFlow<TicketView, View>
      service="tickets"
      db={db}
      onHome={onHome}
      load={loadTickets}
      start={{ kind: 'form' }}
      sayList={(rows) =>
        [
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
                ? t('requests.tickets.say.seat', {
                    seat: seat.seat,
                    time: formatTime(seat.departsAt, locale),
                  })
                : '')
            );
          }),
        ].join('')
      }
      list={(rows) => <TicketRows rows={rows} />}
      view={(view, { phone, rows, go, toList }) => {
        switch (view.kind) {
          case 'form':
            return {
              say: t('requests.tickets.say.form'),
              onBack: toList,
              body: (
                <TicketForm
                  db={db}
                  phone={phone}
                  {...(today && { today })}
                  onDone={(ticket) => go({ kind: 'done', ticket })}
                />
              ),
            };
          case 'done': {
            const ticket = view.ticket;
            const mine = rows?.filter((r) => r.ticket.id === ticket.id);
            return {
              say: t('requests.tickets.say.done', { line: line(ticket) }),
              body: (
                <RequestDone service="tickets" id={ticket.id} line={line(ticket)} onDone={toList}>
                  {mine && mine.length > 0 && <TicketRows rows={mine} />}
                </RequestDone>
              ),
            };
          }
        }
      }}
    />
  );
}
