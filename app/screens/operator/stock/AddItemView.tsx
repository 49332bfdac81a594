import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../../components/BigButton';
import { Money } from '../../../components/Money';
import { parseYuan } from '../../../components/money';
import { searchCatalogue } from '../../../store/catalogue';
import type { KioskDb } from '../../../store/db';
import { addLocalItem, stockCatalogueItem } from '../../../store/stock';
import { stockErrorText } from './errors';

type Note = { kind: 'ok' | 'error'; text: string };

/** Puts a county catalogue item on the shelf list, or creates a local item with its own barcode. */
export function AddItemView({ db, now, barcode = '' }: { db: KioskDb; now: () => Date; barcode?: string }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [local, setLocal] = useState({ name: '', barcode, unit: '件', price: '', lowAt: '3' });
  const [note, setNote] = useState<Note>();
  const results = useLiveQuery(
    () => (query.trim() ? searchCatalogue(db, query, { limit: 8 }) : Promise.resolve([])),
    [db, query],
  );
  const onShelf = useLiveQuery(async () => new Set(await db.stockItems.toCollection().primaryKeys()), [db]);

  const create = async () => {
    const priceFen = parseYuan(local.price);
    if (priceFen === undefined)
      return setNote({
        kind: 'error',
        text: t('shopStock.add.invalid', { field: t('shopStock.add.price') }),
      });
    const r = await addLocalItem(
      db,
      {
        name: local.name,
        unit: local.unit,
        priceFen,
        lowAt: Number(local.lowAt) || 0,
        ...(local.barcode.trim() && { barcode: local.barcode.trim() }),
      },
      { now },
    );
    if (!r.ok) return setNote({ kind: 'error', text: stockErrorText(t, r.error) });
    setNote({ kind: 'ok', text: t('shopStock.add.created', { name: r.value.name }) });
    setLocal({ name: '', barcode: '', unit: '件', price: '', lowAt: '3' });
  };

  const field = (key: keyof typeof local, label: string, mode?: 'decimal' | 'numeric') => (
    <label className="op-field">
      {label}
      <input
        className="op-input"
        {...(mode && { inputMode: mode })}
        value={local[key]}
        onChange={(e) => setLocal((l) => ({ ...l, [key]: e.target.value }))}
      />
    </label>
  );

  return (
    <div className="stock__add">
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={`op-note op-note--${note.kind}`}>
          {note.text}
        </p>
      )}
      <div className="op-columns">
        <div>
          <h2>{t('shopStock.add.fromCatalogue')}</h2>
          <input
            className="op-input"
            aria-label={t('shopStock.add.search')}
            placeholder={t('shopStock.add.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <ul className="op-rows">
            {(results ?? []).map((item) => (
              <li key={item.id} className="op-row" data-catalogue-item={item.id}>
                <span className="op-row__name">{item.name}</span>
                <Money fen={item.priceFen} />
                {onShelf?.has(item.id) ? (
                  <span>{t('shopStock.add.onShelf')}</span>
                ) : (
                  <BigButton
                    variant="secondary"
                    aria-label={`${t('shopStock.add.put')} ${item.name}`}
                    onClick={() =>
                      void stockCatalogueItem(db, item, { now }).then(() =>
                        setNote({ kind: 'ok', text: t('shopStock.add.putDone', { name: item.name }) }),
                      )
                    }
                  >
                    {t('shopStock.add.put')}
                  </BigButton>
                )}
              </li>
            ))}
          </ul>
        </div>
        <div className="op-reasons">
          <h2>{t('shopStock.add.local')}</h2>
          {field('name', t('shopStock.add.name'))}
          {field('barcode', t('shopStock.add.barcode'), 'numeric')}
          {field('unit', t('shopStock.add.unit'))}
          {field('price', t('shopStock.add.price'), 'decimal')}
          {field('lowAt', t('shopStock.add.lowAt'), 'numeric')}
          <BigButton disabled={!local.name.trim() || !local.price} onClick={() => void create()}>
            {t('shopStock.add.create')}
          </BigButton>
        </div>
      </div>
    </div>
  );
}
