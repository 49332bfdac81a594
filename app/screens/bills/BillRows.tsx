import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { formatFen } from '../../components/money';
import { formatTime, usePickerLabels } from '../requests/labels';
import { StatusLine, statusTone } from '../requests/StatusLine';
import type { BillView } from './load';

/** The villager's payments, newest first; a failed one says 待退款 or 已退款 with the amount. */
export function BillRows({ rows }: { rows: BillView[] | undefined }) {
  const { t } = useTranslation();
  const { locale } = usePickerLabels();
  if (!rows) return <p className="vscreen-note">…</p>;
  if (rows.length === 0) return <p className="vscreen-note">{t('requests.bills.none')}</p>;
  return (
    <ul className="record-rows req-rows">
      {rows.map(({ bill, status, sync, refund }) => (
        <li
          key={bill.id}
          className={`record-row record-row--${statusTone(status, sync)}`}
          data-bill={bill.id}
          data-refund={refund.state}
        >
          <span className="record-row__kind">{t(`requests.bills.kinds.${bill.kind}`)}</span>
          <span className="record-row__title">{bill.account}</span>
          <Money fen={bill.amountFen} className="record-row__amount" />
          <span className="record-row__status">
            <StatusLine kind="bill" status={status} sync={sync} />
            {refund.state === 'due' && (
              <strong className="req-refund req-refund--due" role="status">
                {t('requests.bills.refundDue', { amount: formatFen(refund.amountFen) })}
              </strong>
            )}
            {refund.state === 'paid' && (
              <strong className="req-refund req-refund--paid">
                {t('requests.bills.refunded', { amount: formatFen(refund.amountFen) })}
              </strong>
            )}
          </span>
          <span className="record-row__when">{formatTime(bill.createdAt, locale)}</span>
        </li>
      ))}
    </ul>
  );
}
