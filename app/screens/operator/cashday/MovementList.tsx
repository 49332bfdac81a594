import { useTranslation } from 'react-i18next';
import { Money } from '../../../components/Money';
import type { CashMovementRow } from '../../../store/db';

/** Every cash movement of the day, newest first: what the drawer saw, one line each. */
export function MovementList({ movements }: { movements: readonly CashMovementRow[] }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="cashday__movements">
      <h2>{t('cashDay.movements', { count: movements.length })}</h2>
      {movements.length === 0 ? (
        <p>{t('cashDay.noMovements')}</p>
      ) : (
        <ul className="op-rows">
          {[...movements].reverse().map((m) => (
            <li key={m.id} className="op-row" data-movement={m.kind}>
              <span className="op-row__time">{time(m.at)}</span>
              <span className="op-row__name">{t(`cashDay.kind.${m.kind}`)}</span>
              <Money fen={m.amountFen} className={m.amountFen < 0 ? 'money--out' : ''} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
