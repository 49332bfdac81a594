import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../../components/BigButton';
import { formatFen } from '../../../components/money';
import { useOperator } from '../../../platform/operator-session';
import type { KioskDb } from '../../../store/db';
import { payOutRefund, refundsDue, type RefundDue } from '../../../store/refunds';

const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/**
 * What the point owes villagers (failed bill payments…), listed until paid out. Paying writes the
 * refund, its negative cash movement and the audit line in one transaction (refunds.ts); the list
 * is live, so a paid refund leaves it and the day's movements show it at once.
 */
export function RefundsDue({
  db,
  now,
  onDone,
}: {
  db: KioskDb;
  now: () => Date;
  onDone: (note: { kind: 'ok' | 'error'; text: string }) => void;
}) {
  const { t } = useTranslation();
  const operator = useOperator();
  const due = useLiveQuery(() => refundsDue(db), [db]);
  const [paying, setPaying] = useState<string>();

  const pay = async (r: RefundDue) => {
    if (!operator) return;
    setPaying(r.id);
    const result = await payOutRefund(db, r.id, operator.id, now);
    setPaying(undefined);
    onDone(
      result.ok
        ? {
            kind: 'ok',
            text: t('cashDay.refunds.paid', { amount: formatFen(r.amountFen), phone: maskPhone(r.phone) }),
          }
        : { kind: 'error', text: t('cashDay.refunds.failed', { message: result.error.message }) },
    );
  };

  if (!due) return null;
  return (
    <div className="cashday__refunds">
      <h2>{t('cashDay.refunds.title', { count: due.length })}</h2>
      {due.length === 0 ? (
        <p>{t('cashDay.refunds.none')}</p>
      ) : (
        <ul className="op-rows">
          {due.map((r) => (
            <li key={r.id} className="op-row" data-refund={r.id}>
              <span className="op-row__name">
                {t('cashDay.refunds.line', {
                  what: t(`cashDay.refunds.${r.source}`, { defaultValue: r.source }),
                  phone: maskPhone(r.phone),
                })}
                {r.note ? ` · ${r.note}` : ''}
              </span>
              <BigButton
                variant="secondary"
                disabled={paying !== undefined || !operator}
                onClick={() => void pay(r)}
              >
                {t('cashDay.refunds.pay', { amount: formatFen(r.amountFen) })}
              </BigButton>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
