import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../../components/BigButton';
import { Money } from '../../../components/Money';
import type { KioskDb } from '../../../store/db';
import { lowStock, shelfItems } from '../../../store/stock';

/** The shelf list, or only what is at or below its low-stock mark (emptiest first). */
export function ShelfView({ db, onOpen }: { db: KioskDb; onOpen: (itemId: string) => void }) {
  const { t } = useTranslation();
  const [lowOnly, setLowOnly] = useState(false);
  const all = useLiveQuery(() => shelfItems(db), [db]);
  const low = useLiveQuery(() => lowStock(db), [db]);
  if (!all || !low) return null;
  const items = lowOnly ? low : all;
  return (
    <div className="stock__shelf">
      <BigButton variant="secondary" onClick={() => setLowOnly((v) => !v)} aria-pressed={lowOnly}>
        {lowOnly ? t('shopStock.shelf.all') : t('shopStock.shelf.lowOnly', { count: low.length })}
      </BigButton>
      {all.length === 0 ? (
        <p>{t('shopStock.shelf.empty')}</p>
      ) : (
        <ul className="op-rows">
          {items.map((item) => {
            const isLow = item.qty <= item.lowAt;
            return (
              <li key={item.id} className={`op-row${isLow ? ' op-row--low' : ''}`} data-item={item.id}>
                <button type="button" className="op-row op-row--button" onClick={() => onOpen(item.id)}>
                  <span className="op-row__name">
                    {item.name}
                    {isLow && <strong> · {t('shopStock.shelf.low')}</strong>}
                  </span>
                  <span data-qty={item.qty}>
                    {t('shopStock.shelf.qty', { qty: item.qty, unit: item.unit })}
                  </span>
                  {item.priceFen > 0 ? (
                    <Money fen={item.priceFen} />
                  ) : (
                    <span>{t('shopStock.shelf.noPrice')}</span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
