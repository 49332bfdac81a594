import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { formatDay, formatTime } from '../requests/labels';
import type { MyRecord, Said } from './sources';

/** Turns a source's Said into text in the current language (nested values first). */
export function useSaid(): (s: Said) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'zh-CN';
  const say = (s: Said): string => {
    if ('text' in s) return s.text;
    if ('day' in s) return /^\d{4}-\d{2}-\d{2}$/.test(s.day) ? formatDay(s.day, locale) : s.day;
    if ('time' in s) return Number.isNaN(Date.parse(s.time)) ? s.time : formatTime(s.time, locale);
    const values = Object.fromEntries(
      Object.entries(s.values ?? {}).map(([k, v]) => [k, typeof v === 'object' ? say(v) : v]),
    );
    return t(s.key, values);
  };
  return say;
}

/** One record: its kind as a word, what it is, the amount, where it stands (in words and colour), the date. */
export function RecordRow({ record }: { record: MyRecord }) {
  const { t, i18n } = useTranslation();
  const said = useSaid();
  const date = new Date(record.at ?? NaN);
  return (
    <li className={`record-row record-row--${record.status.tone}`} data-record={record.key}>
      <span className="record-row__kind">{t(`myOrders.kinds.${record.kind}`)}</span>
      <span className="record-row__title">{said(record.title)}</span>
      {record.amountFen !== undefined && <Money fen={record.amountFen} className="record-row__amount" />}
      <span className="record-row__status" data-tone={record.status.tone}>
        {said(record.status)}
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
