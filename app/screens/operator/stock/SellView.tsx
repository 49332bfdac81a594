import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { BigButton } from '../../../components/BigButton';
import { Money } from '../../../components/Money';
import { formatFen, parseYuan } from '../../../components/money';
import { NumberPad } from '../../../components/NumberPad';
import { useOperator } from '../../../platform/operator-session';
import { useScans } from '../../../platform/scans';
import type { KioskDb } from '../../../store/db';
import { formatSaleNo, recordSale, type SaleError, type SaleRow } from '../../../store/sales';
import { shelfItems, type StockItemRow } from '../../../store/stock';
import { saleReceiptInput } from './sale-receipt';

interface CartLine {
  item: StockItemRow;
  qty: number;
}
type Note = { kind: 'ok' | 'error'; text: string };
type Short = Extract<SaleError, { code: 'SHORT' }>['lines'];

/**
 * The counter sale: scan (or pick) → cart → cash received → 收款完成 → receipt. A line beyond the
 * recorded stock stops at a question; confirming books the correction explicitly (sales.ts).
 */
export function SellView({
  db,
  api,
  pointName,
  now,
}: {
  db: KioskDb;
  api: KioskTransport;
  pointName: string;
  now: () => Date;
}) {
  const { t } = useTranslation();
  const operator = useOperator();
  const [cart, setCart] = useState<CartLine[]>([]);
  const [query, setQuery] = useState('');
  const [paid, setPaid] = useState('');
  const [short, setShort] = useState<Short>();
  const [done, setDone] = useState<SaleRow>();
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState(false);
  const items = useLiveQuery(() => shelfItems(db), [db]);

  const add = useCallback(
    (item: StockItemRow) => {
      if (item.priceFen <= 0)
        return setNote({ kind: 'error', text: t('shopStock.sell.noPrice', { name: item.name }) });
      setNote(undefined);
      setDone(undefined);
      setCart((c) =>
        c.some((l) => l.item.id === item.id)
          ? c.map((l) => (l.item.id === item.id ? { ...l, qty: l.qty + 1 } : l))
          : [...c, { item, qty: 1 }],
      );
    },
    [t],
  );

  useScans(
    (scan) => {
      void db.stockItems
        .where('barcode')
        .equals(scan.code)
        .first()
        .then((item) =>
          item
            ? add(item)
            : setNote({ kind: 'error', text: t('shopStock.sell.notOnShelf', { code: scan.code }) }),
        );
    },
    { enabled: !busy && short === undefined },
  );

  const totalFen = cart.reduce((s, l) => s + l.qty * l.item.priceFen, 0);
  const paidFen = parseYuan(paid);
  const changeFen = paidFen === undefined ? undefined : paidFen - totalFen;
  const step = (id: string, by: number) =>
    setCart((c) => c.map((l) => (l.item.id === id ? { ...l, qty: l.qty + by } : l)).filter((l) => l.qty > 0));

  const charge = async (confirmShort?: string[]) => {
    if (paidFen === undefined) return;
    setBusy(true);
    const r = await recordSale(
      db,
      {
        lines: cart.map((l) => ({
          itemId: l.item.id,
          name: l.item.name,
          qty: l.qty,
          unitPriceFen: l.item.priceFen,
        })),
        paidFen,
        ...(confirmShort && { confirmShort }),
        ...(operator && { operatorId: operator.id }),
      },
      { now },
    );
    setBusy(false);
    if (!r.ok) {
      if (r.error.code === 'SHORT') return setShort(r.error.lines);
      const message =
        r.error.code === 'STORAGE' || r.error.code === 'UNKNOWN_ITEM'
          ? t(`shopStock.error.${r.error.code}`)
          : r.error.code === 'INVALID'
            ? t('shopStock.error.INVALID', { message: r.error.message })
            : r.error.code;
      return setNote({ kind: 'error', text: t('shopStock.sell.failed', { message }) });
    }
    setShort(undefined);
    setCart([]);
    setPaid('');
    setDone(r.sale);
    // The receipt only after the sale is committed; a printer fault leaves the job queued for 重印.
    setNote({ kind: 'ok', text: t('shopStock.sell.printing') });
    const printed = await api.invoke('printer.print', {
      kind: 'order-receipt',
      input: saleReceiptInput(r.sale, { pointName, ...(operator && { operatorName: operator.name }) }),
    });
    setNote(
      printed.ok
        ? { kind: 'ok', text: t('shopStock.sell.printed') }
        : {
            kind: 'error',
            text: t('shopStock.sell.printFailed', { message: t(`kioskError.${printed.error.code}`) }),
          },
    );
  };

  const q = query.trim().toLowerCase();
  const matches = q ? (items ?? []).filter((i) => i.name.toLowerCase().includes(q)).slice(0, 6) : [];

  return (
    <div className="stock__sell">
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={`op-note op-note--${note.kind}`}>
          {note.text}
        </p>
      )}
      {done && (
        <div className="op-dialog" data-sale-no={formatSaleNo(done.no)}>
          <strong>{t('shopStock.sell.done', { no: formatSaleNo(done.no) })}</strong>
          {done.changeFen > 0 && (
            <span>{t('shopStock.sell.doneChange', { change: formatFen(done.changeFen) })}</span>
          )}
          <BigButton variant="secondary" onClick={() => setDone(undefined)}>
            {t('shopStock.sell.next')}
          </BigButton>
        </div>
      )}
      {short && (
        <div className="op-dialog" role="alertdialog" aria-labelledby="short-title">
          <h2 id="short-title">{t('shopStock.sell.shortTitle')}</h2>
          {short.map((s) => (
            <p key={s.itemId}>
              {t('shopStock.sell.shortLine', { name: s.name, have: s.have, want: s.want })}
            </p>
          ))}
          <p>{t('shopStock.sell.shortBody')}</p>
          <div className="panel__actions">
            <BigButton variant="secondary" onClick={() => setShort(undefined)}>
              {t('shopStock.sell.shortCancel')}
            </BigButton>
            <BigButton disabled={busy} onClick={() => void charge(short.map((s) => s.itemId))}>
              {t('shopStock.sell.shortConfirm')}
            </BigButton>
          </div>
        </div>
      )}
      <div className="op-columns">
        <div>
          <p>{t('shopStock.sell.scanHint')}</p>
          <input
            className="op-input"
            aria-label={t('shopStock.sell.search')}
            placeholder={t('shopStock.sell.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <ul className="op-rows">
            {matches.map((item) => (
              <li key={item.id} className="op-row">
                <button type="button" className="op-row op-row--button" onClick={() => add(item)}>
                  <span className="op-row__name">{item.name}</span>
                  <Money fen={item.priceFen} />
                </button>
              </li>
            ))}
          </ul>
          {cart.length === 0 ? (
            <p>{t('shopStock.sell.cartEmpty')}</p>
          ) : (
            <ul className="op-rows" aria-label={t('shopStock.tabs.sell')}>
              {cart.map((l) => (
                <li key={l.item.id} className="op-row" data-cart-line={l.item.id}>
                  <span className="op-row__name">
                    {t('shopStock.sell.line', { name: l.item.name, qty: l.qty })}
                  </span>
                  <button
                    type="button"
                    className="op-step"
                    aria-label={t('shopStock.sell.less', { name: l.item.name })}
                    onClick={() => step(l.item.id, -1)}
                  >
                    −
                  </button>
                  <button
                    type="button"
                    className="op-step"
                    aria-label={t('shopStock.sell.more', { name: l.item.name })}
                    onClick={() => step(l.item.id, 1)}
                  >
                    +
                  </button>
                  <Money fen={l.qty * l.item.priceFen} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <dl className="facts">
            <dt>{t('shopStock.sell.total')}</dt>
            <dd data-fact="total">
              <Money fen={totalFen} className="money--big" />
            </dd>
            <dt>{t('shopStock.sell.paid')}</dt>
            <dd data-fact="paid">{paid || '0'}</dd>
            <dt>{t('shopStock.sell.change')}</dt>
            <dd data-fact="change">
              {changeFen === undefined ? (
                '—'
              ) : changeFen < 0 ? (
                t('shopStock.sell.underpaid')
              ) : (
                <Money fen={changeFen} />
              )}
            </dd>
          </dl>
          <NumberPad
            value={paid}
            onChange={setPaid}
            maxLength={8}
            allowDot
            labels={{ backspace: t('shopStock.keypad.backspace'), clear: t('shopStock.keypad.clear') }}
          />
          <BigButton
            disabled={busy || cart.length === 0 || changeFen === undefined || changeFen < 0}
            onClick={() => void charge()}
          >
            {t('shopStock.sell.charge')}
          </BigButton>
        </div>
      </div>
    </div>
  );
}
