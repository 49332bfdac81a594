import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { ticketConfirmation } from '../../store/tickets';
import { formatDay, formatTime, usePickerLabels } from '../requests/labels';
import { StatusLine, statusTone } from '../requests/StatusLine';
import type { TicketView } from './load';

/** The villager's ticket requests; a confirmed one shows its seat, departure and fare. */
export function TicketRows({ rows }: { rows: TicketView[] | undefined }) {
  const { t } = useTranslation();
  const { locale } = usePickerLabels();
  if (!rows) return <p className="vscreen-note">…</p>;
  if (rows.length === 0) return <p className="vscreen-note">{t('requests.tickets.none')}</p>;
  return (
    <ul className="record-rows req-rows">
      {rows.map(({ ticket, status, sync }) => {
        const confirmed = status?.status === 'confirmed' ? ticketConfirmation(status.detail) : undefined;
        return (
          <li
            key={ticket.id}
            className={`record-row record-row--${statusTone(status, sync)}`}
            data-ticket={ticket.id}
          >
            <span className="record-row__kind">{formatDay(ticket.travelDate, locale)}</span>
            <span className="record-row__title">{ticket.route}</span>
            <span className="record-row__amount">
              {t('requests.tickets.people', { count: ticket.passengers })}
            </span>
            <span className="record-row__status">
              <StatusLine kind="ticket" status={status} sync={sync} />
              {confirmed && (
                <span className="req-detail" data-seat={confirmed.seat}>
                  {confirmed.seat && t('requests.tickets.seat', { seat: confirmed.seat })}
                  {confirmed.departsAt &&
                    ` · ${t('requests.tickets.departs', { time: formatTime(confirmed.departsAt, locale) })}`}
                  {confirmed.priceFen !== undefined && (
                    <>
                      {' · '}
                      {t('requests.tickets.fare')} <Money fen={confirmed.priceFen} />
                    </>
                  )}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
