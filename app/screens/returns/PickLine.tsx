import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDb } from '../../store/db';
import { formatOrderNo } from '../../store/orders';
import { returnableLines, type ReturnableLine } from '../../store/returns';

/** The lines of the villager's orders at this point; a line already fully asked back is not offered. */
export function PickLine({
  db,
  phone,
  onPick,
}: {
  db: KioskDb;
  phone: string;
  onPick: (line: ReturnableLine) => void;
}) {
  const { t } = useTranslation();
  const lines = useLiveQuery(() => returnableLines(db, phone), [db, phone]);
  if (!lines) return <p className="vscreen-note">…</p>;
  if (lines.length === 0) return <p className="vscreen-note">{t('requests.returns.noOrders')}</p>;
  return (
    <ul className="record-rows req-rows">
      {lines.map((l) => (
        <li key={`${l.order.id} ${l.line.itemId}`}>
          <button
            type="button"
            className="req-line"
            disabled={l.returnableQty === 0}
            onClick={() => onPick(l)}
          >
            <span className="req-line__name">{l.line.name}</span>
            <span>{t('requests.returns.order', { no: formatOrderNo(l.order.no) })}</span>
            <span>{t('requests.returns.bought', { count: l.line.qty })}</span>
            <span>
              {l.returnableQty > 0
                ? t('requests.returns.left', { count: l.returnableQty })
                : t('requests.returns.noneLeft')}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
