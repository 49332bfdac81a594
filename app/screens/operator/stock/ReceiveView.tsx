import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../../components/BigButton';
import { parseYuan } from '../../../components/money';
import { NumberPad } from '../../../components/NumberPad';
import { useOperator } from '../../../platform/operator-session';
import { useScans } from '../../../platform/scans';
import type { KioskDb } from '../../../store/db';
import { pendingDeliveries, receiveDelivery, type DeliveryNote } from '../../../store/deliveries';
import { shelfItemForCode, stockIn, type StockItemRow } from '../../../store/stock';
import { stockErrorText } from './errors';

type Note = { kind: 'ok' | 'error'; text: string };

/**
 * 收货: a delivery note pulled from the county, confirmed line by line (what actually arrived), or
 * goods without a note, scanned one item at a time with a quantity and an optional cost.
 */
export function ReceiveView({
  db,
  now,
  onAddLocal,
}: {
  db: KioskDb;
  now: () => Date;
  onAddLocal: (barcode: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const operator = useOperator();
  const notes = useLiveQuery(() => pendingDeliveries(db), [db]);
  const [open, setOpen] = useState<DeliveryNote>();
  const [received, setReceived] = useState<Record<string, number>>({});
  const [scanned, setScanned] = useState<StockItemRow>();
  const [unknown, setUnknown] = useState<string>();
  const [qty, setQty] = useState('');
  const [cost, setCost] = useState('');
  const [note, setNote] = useState<Note>();
  const by = operator ? { operatorId: operator.id } : {};

  // Counting a note by scanning: each scan of an item on the note adds one to what arrived.
  const [counting, setCounting] = useState(false);
  useScans(
    (scan) => {
      if (!open) return;
      void Promise.all([
        db.stockItems.where('barcode').equals(scan.code).first(),
        db.catalogue.where('barcode').equals(scan.code).first(),
      ]).then(([shelf, catalogue]) => {
        const line = open.lines.find((l) => l.itemId === (shelf ?? catalogue)?.id);
        if (!line)
          return setNote({ kind: 'error', text: t('shopStock.receive.notOnNote', { code: scan.code }) });
        setNote(undefined);
        setReceived((r) => ({ ...r, [line.itemId]: Math.min(9999, (r[line.itemId] ?? 0) + 1) }));
      });
    },
    { enabled: open !== undefined && counting },
  );

  useScans(
    (scan) => {
      void shelfItemForCode(db, scan.code, { now }).then((item) => {
        setNote(undefined);
        setScanned(item);
        setUnknown(item ? undefined : scan.code);
        setQty('');
        setCost('');
      });
    },
    { enabled: open === undefined },
  );

  const confirmNote = async (n: DeliveryNote) => {
    const r = await receiveDelivery(db, n.id, { received, ...by }, { now });
    if (!r.ok)
      return setNote({
        kind: 'error',
        text: t('shopStock.receive.failed', { message: stockErrorText(t, r.error) }),
      });
    setOpen(undefined);
    setReceived({});
    setCounting(false);
    setNote({ kind: 'ok', text: t('shopStock.receive.done') });
  };

  const bookScanned = async (item: StockItemRow) => {
    const unitCostFen = cost === '' ? undefined : parseYuan(cost);
    const r = await stockIn(
      db,
      { itemId: item.id, qty: Number(qty), ...(unitCostFen !== undefined && { unitCostFen }), ...by },
      { now },
    );
    if (!r.ok)
      return setNote({
        kind: 'error',
        text: t('shopStock.receive.failed', { message: stockErrorText(t, r.error) }),
      });
    const after = await db.stockItems.get(item.id);
    setScanned(undefined);
    setNote({
      kind: 'ok',
      text: t('shopStock.receive.stockedIn', { name: item.name, qty: r.value.qtyDelta, total: after?.qty }),
    });
  };

  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);

  return (
    <div className="stock__receive">
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={`op-note op-note--${note.kind}`}>
          {note.text}
        </p>
      )}
      <h2>{t('shopStock.receive.notes')}</h2>
      {open ? (
        <div className="op-dialog" data-note={open.id}>
          <strong>
            {t('shopStock.receive.note', { date: date(open.deliveredAt), count: open.lines.length })}
          </strong>
          {counting ? (
            <p>{t('shopStock.receive.scanEach')}</p>
          ) : (
            <BigButton
              variant="secondary"
              onClick={() => {
                setCounting(true);
                setReceived(Object.fromEntries(open.lines.map((l) => [l.itemId, 0])));
              }}
            >
              {t('shopStock.receive.countByScan')}
            </BigButton>
          )}
          <ul className="op-rows">
            {open.lines.map((l) => {
              const got = received[l.itemId] ?? l.qty;
              const set = (v: number) =>
                setReceived((r) => ({ ...r, [l.itemId]: Math.max(0, Math.min(9999, v)) }));
              return (
                <li key={l.itemId} className="op-row" data-line={l.itemId}>
                  <span className="op-row__name">{l.name}</span>
                  <span>{t('shopStock.receive.expected', { qty: l.qty })}</span>
                  <button
                    type="button"
                    className="op-step"
                    aria-label={`${l.name} −1`}
                    onClick={() => set(got - 1)}
                  >
                    −
                  </button>
                  <span aria-label={`${t('shopStock.receive.received')} ${l.name}`}>{got}</span>
                  <button
                    type="button"
                    className="op-step"
                    aria-label={`${l.name} +1`}
                    onClick={() => set(got + 1)}
                  >
                    +
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="panel__actions">
            <BigButton
              variant="secondary"
              onClick={() => {
                setOpen(undefined);
                setCounting(false);
              }}
            >
              {t('nav.back')}
            </BigButton>
            <BigButton onClick={() => void confirmNote(open)}>{t('shopStock.receive.confirm')}</BigButton>
          </div>
        </div>
      ) : (notes ?? []).length === 0 ? (
        <p>{t('shopStock.receive.noNotes')}</p>
      ) : (
        <ul className="op-rows">
          {(notes ?? []).map((n) => (
            <li key={n.id} className="op-row">
              <button
                type="button"
                className="op-row op-row--button"
                onClick={() => {
                  setReceived({});
                  setOpen(n);
                }}
              >
                {t('shopStock.receive.note', { date: date(n.deliveredAt), count: n.lines.length })}
              </button>
            </li>
          ))}
        </ul>
      )}

      {!open && (
        <>
          <h2>{t('shopStock.receive.scanTitle')}</h2>
          <p>{t('shopStock.receive.scanHint')}</p>
          {unknown && (
            <div className="op-dialog">
              <span>{t('shopStock.receive.unknownCode', { code: unknown })}</span>
              <BigButton variant="secondary" onClick={() => onAddLocal(unknown)}>
                {t('shopStock.receive.addLocal')}
              </BigButton>
            </div>
          )}
          {scanned && (
            <div className="op-dialog" data-scanned={scanned.id}>
              <strong>
                {scanned.name} · {t('shopStock.shelf.qty', { qty: scanned.qty, unit: scanned.unit })}
              </strong>
              <div className="op-columns">
                <div>
                  <p className="op-field">
                    {t('shopStock.receive.qty')} <span className="op-amount">{qty || '0'}</span>
                  </p>
                  <NumberPad
                    value={qty}
                    onChange={setQty}
                    maxLength={4}
                    labels={{
                      backspace: t('shopStock.keypad.backspace'),
                      clear: t('shopStock.keypad.clear'),
                    }}
                  />
                </div>
                <div className="op-reasons">
                  <label className="op-field">
                    {t('shopStock.receive.cost')}
                    <input
                      className="op-input"
                      inputMode="decimal"
                      value={cost}
                      onChange={(e) => setCost(e.target.value)}
                    />
                  </label>
                  <BigButton
                    disabled={!(Number(qty) >= 1) || (cost !== '' && parseYuan(cost) === undefined)}
                    onClick={() => void bookScanned(scanned)}
                  >
                    {t('shopStock.receive.stockIn')}
                  </BigButton>
                </div>
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
