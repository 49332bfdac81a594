/**
 * 超期件 — parcels waiting longer than the village's limit, with the storage fee in fen. The fee is
 * taken in cash here (a `parcel_fee` cash movement); returns to the courier go through the dispatch
 * manifest (快递交接), which calls `markReturnedToCourier`.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../../components/BigButton';
import { Money } from '../../../components/Money';
import { formatFen } from '../../../components/money';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { printReceipt } from '../../../platform/print';
import type { KioskDb } from '../../../store/db';
import { parcelFeeReceiptInput, servicePoint } from '../../../store/receipts';
import { overdueParcels, parcelSettings, takeStorageFee } from '../../../store/parcels';
import { placeOf } from './WaitingView';

export function OverdueView({
  db,
  api,
  operatorId,
  now = () => new Date(),
}: {
  db: KioskDb;
  /** The shell, for the fee's receipt (printed after the fee is stored). */
  api?: KioskTransport;
  operatorId: string | undefined;
  now?: () => Date;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | undefined>();
  const list = useLiveQuery(() => overdueParcels(db, now()), [db]);
  const settings = useLiveQuery(() => parcelSettings(db), [db]);

  const take = async (parcelId: string) => {
    if (!operatorId) return setMessage(t('parcels.operator.signInNeeded'));
    const r = await takeStorageFee(db, parcelId, operatorId, now);
    setMessage(r.ok ? t('parcels.operator.feeTaken', { fee: formatFen(r.value.feeFen) }) : r.error.message);
    const parcel = r.ok && api ? await db.parcels.get(parcelId) : undefined;
    if (r.ok && api && parcel) {
      const input = parcelFeeReceiptInput(parcel, r.value.feeFen, await servicePoint(db), now());
      // A fault leaves the job queued in 小票记录; the fee is recorded either way.
      await printReceipt(
        api,
        { kind: 'order-receipt', input },
        { db, ref: `fee:${parcelId}:${parcel.feePaidFen ?? 0}` },
      );
    }
  };

  return (
    <div className="parcels-op__overdue">
      <h2>
        {t('parcels.operator.overdueTitle', { count: list?.length ?? 0, days: settings?.overdueDays ?? '' })}
      </h2>
      {message && (
        <p className="pickup__message" role="status">
          {message}
        </p>
      )}
      {list?.length === 0 && <p className="pickup__hint">{t('parcels.operator.none')}</p>}
      <ul className="parcels-op__list">
        {list?.map((o) => (
          <li key={o.parcel.id} data-parcel-id={o.parcel.id}>
            <span>
              {o.parcel.carrier} {o.parcel.waybill}
            </span>
            <span>{placeOf(o.parcel)}</span>
            <span>{t('parcels.operator.overdueDays', { days: o.daysOverdue })}</span>
            <span>
              {t('parcels.operator.fee', { fee: '' })}
              <Money fen={o.feeFen} />
            </span>
            {o.feeDueFen > 0 ? (
              <BigButton onClick={() => void take(o.parcel.id)}>
                {t('parcels.operator.takeFee', { fee: formatFen(o.feeDueFen) })}
              </BigButton>
            ) : (
              o.feeFen > 0 && <span>{t('parcels.operator.feePaid', { fee: formatFen(o.feeFen) })}</span>
            )}
          </li>
        ))}
      </ul>
      <p className="pickup__hint">{t('parcels.operator.returnHint')}</p>
    </div>
  );
}
