import { useTranslation } from 'react-i18next';
import { formatOrderNo } from '../../store/orders';
import { formatTime, usePickerLabels } from '../requests/labels';
import { StatusLine, statusTone } from '../requests/StatusLine';
import type { ReturnView } from './load';

export function ReturnRows({ rows }: { rows: ReturnView[] | undefined }) {
  const { t } = useTranslation();
  const { locale } = usePickerLabels();
  if (!rows) return <p className="vscreen-note">…</p>;
  if (rows.length === 0) return <p className="vscreen-note">{t('requests.returns.none')}</p>;
  return (
    <ul className="record-rows req-rows">
      {rows.map(({ request, status, sync }) => (
        <li
          key={request.id}
          className={`record-row record-row--${statusTone(status, sync)}`}
          data-return={request.id}
        >
          <span className="record-row__kind">{t(`requests.returns.kinds.${request.kind}`)}</span>
          <span className="record-row__title">
            {request.itemName} × {request.qty}
          </span>
          <span className="record-row__amount">
            {t('requests.returns.order', { no: formatOrderNo(request.orderNo) })}
          </span>
          <span className="record-row__status">
            <StatusLine kind="return" status={status} sync={sync} />
            <span className="req-detail">
              {t('requests.returns.reason')}：{request.reason}
            </span>
          </span>
          <span className="record-row__when">{formatTime(request.createdAt, locale)}</span>
        </li>
      ))}
    </ul>
  );
}
