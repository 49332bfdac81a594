import { useState } from 'react';

/**
 * A date chosen by tapping a day, never typed: a page of big day buttons (今天, 明天, 11月30日 周一…)
 * from `start` going forward (travel) or backward (harvest). Dates are local calendar days,
 * 'YYYY-MM-DD', the protocol's isoDate. Labels come from the caller (i18n).
 */
export interface DatePickerLabels {
  /** Names of days near today, by offset (0 = today, 1 = tomorrow, -1 = yesterday). */
  relative: Partial<Record<number, string>>;
  earlier: string;
  later: string;
  pick: string;
}

const PAGE = 14;

export function dayKey(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local day `offset` days after `from` (calendar arithmetic: no DST or UTC drift). */
export const addDays = (from: Date, offset: number) =>
  new Date(from.getFullYear(), from.getMonth(), from.getDate() + offset);

export function DatePicker({
  today,
  days,
  direction,
  value,
  onChange,
  labels,
  locale,
}: {
  today: Date;
  /** How many days can be chosen, today included. */
  days: number;
  direction: 'future' | 'past';
  value: string | undefined;
  onChange: (day: string) => void;
  labels: DatePickerLabels;
  locale: string;
}) {
  const [page, setPage] = useState(0);
  const pages = Math.ceil(days / PAGE);
  const step = direction === 'future' ? 1 : -1;
  const offsets = Array.from(
    { length: Math.min(PAGE, days - page * PAGE) },
    (_, i) => (page * PAGE + i) * step,
  );
  const monthDay = new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short' });
  const [prev, next] =
    direction === 'future' ? [labels.earlier, labels.later] : [labels.later, labels.earlier];
  return (
    <div className="date-picker" role="radiogroup" aria-label={labels.pick}>
      <div className="date-picker__days">
        {offsets.map((offset) => {
          const day = addDays(today, offset);
          const key = dayKey(day);
          const near = labels.relative[offset];
          return (
            <button
              key={key}
              type="button"
              role="radio"
              aria-checked={value === key}
              aria-label={`${near ? `${near} ` : ''}${monthDay.format(day)} ${weekday.format(day)}`}
              data-day={key}
              className={`date-picker__day ${value === key ? 'date-picker__day--on' : ''}`}
              onClick={() => onChange(key)}
            >
              <span className="date-picker__main">{near ?? monthDay.format(day)}</span>
              <span className="date-picker__sub">
                {near ? monthDay.format(day) : ''} {weekday.format(day)}
              </span>
            </button>
          );
        })}
      </div>
      {pages > 1 && (
        <div className="date-picker__pages">
          <button
            type="button"
            className="pager__button"
            disabled={page === 0}
            onClick={() => setPage((p) => p - 1)}
          >
            ◀ {prev}
          </button>
          <button
            type="button"
            className="pager__button"
            disabled={page >= pages - 1}
            onClick={() => setPage((p) => p + 1)}
          >
            {next} ▶
          </button>
        </div>
      )}
    </div>
  );
}
