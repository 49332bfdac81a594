import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../../components/BigButton';
import { Money } from '../../../components/Money';
import { parseYuan } from '../../../components/money';
import { NumberPad } from '../../../components/NumberPad';
import { useOperator } from '../../../platform/operator-session';
import type { KioskDb } from '../../../store/db';
import { adjustStock, movementsOf, updateShelfItem } from '../../../store/stock';
import { stockErrorText } from './errors';

const REASONS = ['count', 'broken', 'expired', 'lost', 'other'] as const;
type Note = { kind: 'ok' | 'error'; text: string };

/**
 * One shelf item: its stock and recent movements, a count (the shelf holds N) or a write-off (N
 * left the shelf), each with a reason the county sees, and its price and low-stock mark.
 */
export function ItemView({
  db,
  itemId,
  now,
  onBack,
}: {
  db: KioskDb;
  itemId: string;
  now: () => Date;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const operator = useOperator();
  const item = useLiveQuery(() => db.stockItems.get(itemId), [db, itemId]);
  const history = useLiveQuery(async () => (await movementsOf(db, itemId)).slice(0, 10), [db, itemId]);
  const [mode, setMode] = useState<'count' | 'loss'>('count');
  const [qty, setQty] = useState('');
  const [reason, setReason] = useState<(typeof REASONS)[number]>('count');
  const [detail, setDetail] = useState('');
  const [price, setPrice] = useState<string>();
  const [lowAt, setLowAt] = useState<string>();
  const [note, setNote] = useState<Note>();
  if (!item) return null;

  const submit = async () => {
    const n = Number(qty);
    const text = [reason === 'other' ? '' : t(`shopStock.item.reasons.${reason}`), detail.trim()]
      .filter(Boolean)
      .join('：');
    const r = await adjustStock(
      db,
      mode === 'count'
        ? { kind: 'count', itemId, counted: n, note: text || t('shopStock.item.reasons.other'), ...by() }
        : { kind: 'loss', itemId, qty: n, note: text || t('shopStock.item.reasons.other'), ...by() },
      { now },
    );
    if (!r.ok) return setNote({ kind: 'error', text: stockErrorText(t, r.error) });
    setQty('');
    setDetail('');
    const after = await db.stockItems.get(itemId);
    setNote({
      kind: 'ok',
      text: r.value
        ? t('shopStock.item.booked', {
            delta: r.value.qtyDelta > 0 ? `+${r.value.qtyDelta}` : r.value.qtyDelta,
            qty: after?.qty,
          })
        : t('shopStock.item.unchanged'),
    });
  };
  const by = () => (operator ? { operatorId: operator.id } : {});

  const save = async () => {
    const priceFen = price === undefined ? undefined : parseYuan(price);
    const low = lowAt === undefined ? undefined : Number(lowAt);
    if ((price !== undefined && priceFen === undefined) || (low !== undefined && !Number.isSafeInteger(low)))
      return setNote({ kind: 'error', text: t('shopStock.error.INVALID', { message: price ?? lowAt }) });
    const r = await updateShelfItem(
      db,
      itemId,
      { ...(priceFen !== undefined && { priceFen }), ...(low !== undefined && { lowAt: low }) },
      { now, ...by() },
    );
    setNote(
      r.ok
        ? { kind: 'ok', text: t('shopStock.item.saved') }
        : { kind: 'error', text: stockErrorText(t, r.error) },
    );
  };

  return (
    <div className="stock__item" data-item={item.id}>
      <h2>{item.name}</h2>
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={`op-note op-note--${note.kind}`}>
          {note.text}
        </p>
      )}
      <dl className="facts">
        <dt>{t('shopStock.item.stock')}</dt>
        <dd data-fact="qty">{t('shopStock.shelf.qty', { qty: item.qty, unit: item.unit })}</dd>
        <dt>{t('shopStock.item.price')}</dt>
        <dd>
          <Money fen={item.priceFen} />
        </dd>
      </dl>
      <div className="op-columns">
        <div>
          <div className="choice-row" role="radiogroup">
            {(['count', 'loss'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={mode === m}
                className={`choice choice--small${mode === m ? ' choice--on' : ''}`}
                onClick={() => {
                  setMode(m);
                  setReason(m === 'count' ? 'count' : 'broken');
                }}
              >
                {t(`shopStock.item.${m}`)}
              </button>
            ))}
          </div>
          <p className="op-field">
            {mode === 'count' ? t('shopStock.item.countedQty') : t('shopStock.item.lossQty')}
            <span className="op-amount" data-field="qty">
              {qty || '0'}
            </span>
          </p>
          <NumberPad
            value={qty}
            onChange={setQty}
            maxLength={4}
            labels={{ backspace: t('shopStock.keypad.backspace'), clear: t('shopStock.keypad.clear') }}
          />
        </div>
        <div className="op-reasons">
          <span>{t('shopStock.item.reason')}</span>
          <div className="choice-row" role="radiogroup" style={{ flexWrap: 'wrap' }}>
            {REASONS.map((r) => (
              <button
                key={r}
                type="button"
                role="radio"
                aria-checked={reason === r}
                className={`choice choice--small${reason === r ? ' choice--on' : ''}`}
                onClick={() => setReason(r)}
              >
                {t(`shopStock.item.reasons.${r}`)}
              </button>
            ))}
          </div>
          <input
            className="op-input"
            aria-label={t('shopStock.item.notePlaceholder')}
            placeholder={t('shopStock.item.notePlaceholder')}
            maxLength={100}
            value={detail}
            onChange={(e) => setDetail(e.target.value)}
          />
          <BigButton
            disabled={qty === '' || (mode === 'loss' && Number(qty) < 1)}
            onClick={() => void submit()}
          >
            {t('shopStock.item.submit')}
          </BigButton>
        </div>
      </div>
      <div className="op-columns">
        <label className="op-field">
          {t('shopStock.item.price')}
          <input
            className="op-input"
            inputMode="decimal"
            value={price ?? yuanText(item.priceFen)}
            onChange={(e) => setPrice(e.target.value)}
          />
        </label>
        <label className="op-field">
          {t('shopStock.item.lowAt')}
          <input
            className="op-input"
            inputMode="numeric"
            value={lowAt ?? String(item.lowAt)}
            onChange={(e) => setLowAt(e.target.value)}
          />
        </label>
      </div>
      <BigButton variant="secondary" onClick={() => void save()}>
        {t('shopStock.item.save')}
      </BigButton>
      <h2>{t('shopStock.item.history')}</h2>
      <ul className="op-rows">
        {(history ?? []).map((m) => (
          <li key={m.id} className="op-row" data-movement={m.reason}>
            <span className="op-row__time">{new Date(m.at).toLocaleString(i18n.language)}</span>
            <span className="op-row__name">
              {t(`shopStock.item.reason_${m.reason}`)}
              {m.note ? ` · ${m.note}` : ''}
            </span>
            <span>{m.qtyDelta > 0 ? `+${m.qtyDelta}` : m.qtyDelta}</span>
          </li>
        ))}
      </ul>
      <BigButton variant="quiet" onClick={onBack}>
        {t('shopStock.item.back')}
      </BigButton>
    </div>
  );
}

/** 1250 → '12.50', as parseYuan reads it back (no thousands separators). */
export const yuanText = (fen: number): string =>
  `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
