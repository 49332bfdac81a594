import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import type { MyRecord, Said } from './sources';

/** Turns a source's Said into text in the current language. */
export function useSaid(): (s: Said) => string {
  const { t } = useTranslation();
  return (s) => ('text' in s ? s.text : t(s.key, s.values));
}

/** One record: its kind as a word, what it is, the amount, where it stands (in words and colour), the date. */
export function RecordRow({ record }: { record: MyRecord }) {
  const { t, i18n } = useTranslation();
  const said = useSaid();
  const date = new Date(record.at);
  return (
    <li className={`record-row record-row--${record.status.tone}`} data-record={record.key}>
      <span className="record-row__kind">{t(`myOrders.kinds.${record.kind}`)}</span>
      <span className="record-row__title">{said(record.title)}</span>
      {record.amountFen !== undefined && <Money fen={record.amountFen} className="record-row__amount" />}
      <span className="record-row__status" data-tone={record.status.tone}>
        {t(record.status.key, record.status.values)}
      </span>
      <span className="record-row__when">
        {Number.isNaN(date.getTime())
          ? ''
          : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date)}
      </span>
      {record.details.map((d, i) => (
        <span key={i} className="record-row__detail">
          {said(d)}
        </span>
      ))}
    </li>
  );
}
