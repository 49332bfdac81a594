import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { BigButton } from '../../../components/BigButton';
import { Money } from '../../../components/Money';
import { formatFen, parseYuan } from '../../../components/money';
import { NumberPad } from '../../../components/NumberPad';
import { useOperator } from '../../../platform/operator-session';
import { localDay } from '../../../store/cash';
import {
  closeCashDay,
  openCashDay,
  readCashDay,
  type CashDayError,
  type CashDayView,
} from '../../../store/cash-day';
import type { KioskDb } from '../../../store/db';
import { CountView, type CountResult } from './CountView';
import { MovementList } from './MovementList';
import { RefundsDue } from './RefundsDue';
import { cashReportInput } from './report';
import '../stock/stock.css';

type Note = { kind: 'ok' | 'error'; text: string };

/**
 * 日结: the day's float, every cash movement, refunds still owed (paid out from here), the count at
 * close with the difference and its reason, and the printed day report. The close is one transaction
 * with its `cash.day_closed` mutation (cash-day.ts); the report prints only after it committed.
 */
export function CashDayScreen({
  db,
  api,
  pointName,
  onBack,
  now = () => new Date(),
}: {
  db: KioskDb;
  api: KioskTransport;
  pointName: string;
  onBack: () => void;
  now?: () => Date;
}) {
  const { t } = useTranslation();
  const operator = useOperator();
  const [day] = useState(() => localDay(now()));
  const view = useLiveQuery(() => readCashDay(db, day), [db, day]);
  const [floatText, setFloatText] = useState('');
  const [counting, setCounting] = useState(false);
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState(false);

  const errorText = (e: CashDayError) =>
    t(`cashDay.error.${e.code}`, e.code === 'INVALID' ? { message: e.message } : {});

  const print = async (v: CashDayView) => {
    setNote({ kind: 'ok', text: t('cashDay.closed.printing') });
    const input = cashReportInput(v, { pointName, operatorName: operator?.name ?? '', printedAt: now() });
    const r = await api.invoke('printer.print', { kind: 'cash-report', input: { ...input } });
    setNote(
      r.ok
        ? { kind: 'ok', text: t('cashDay.closed.printed') }
        : {
            kind: 'error',
            text: t('cashDay.closed.printFailed', { message: t(`kioskError.${r.error.code}`) }),
          },
    );
  };

  const open = async () => {
    const floatFen = parseYuan(floatText);
    if (floatFen === undefined || !operator) return;
    setBusy(true);
    const r = await openCashDay(db, { floatFen, operatorId: operator.id }, { now });
    setBusy(false);
    setNote(r.ok ? undefined : { kind: 'error', text: errorText(r.error) });
    if (r.ok) setFloatText('');
  };

  const close = async (count: CountResult) => {
    if (!operator) return;
    setBusy(true);
    const r = await closeCashDay(db, { day, ...count, operatorId: operator.id }, { now });
    setBusy(false);
    if (!r.ok) {
      setNote({ kind: 'error', text: errorText(r.error) });
      return;
    }
    setCounting(false);
    // Printed from what was committed: the close row and the ledger read back after it.
    await print(await readCashDay(db, day));
  };

  if (!view) return <section className="panel panel--wide cashday" aria-busy="true" />;
  const floatFen = parseYuan(floatText);

  return (
    <section className="panel panel--wide cashday" aria-labelledby="cashday-title">
      <h1 id="cashday-title">{t('cashDay.title', { day })}</h1>
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={`op-note op-note--${note.kind}`}>
          {note.text}
        </p>
      )}

      {view.closed ? (
        <div className="cashday__closed" data-closed-day={view.day}>
          <h2>{t('cashDay.closed.title')}</h2>
          <dl className="facts">
            <dt>{t('cashDay.expected')}</dt>
            <dd data-fact="expected">
              <Money fen={view.closed.expectedFen} />
            </dd>
            <dt>{t('cashDay.closed.counted')}</dt>
            <dd data-fact="counted">
              <Money fen={view.closed.countedFen} />
            </dd>
            <dt>{t('cashDay.closed.difference')}</dt>
            <dd data-fact="difference">
              <Money fen={view.closed.differenceFen} />
            </dd>
          </dl>
          {view.closed.reason && <p>{t('cashDay.closed.reason', { reason: view.closed.reason })}</p>}
          {view.afterClose.length > 0 && (
            <p>
              {t('cashDay.closed.afterClose', {
                count: view.afterClose.length,
                amount: formatFen(view.afterCloseFen),
              })}
            </p>
          )}
          <p>{t('cashDay.closed.sync')}</p>
          <BigButton variant="secondary" onClick={() => void print(view)}>
            {t('cashDay.closed.print')}
          </BigButton>
        </div>
      ) : counting ? (
        <CountView
          expectedFen={view.summary.expectedFen}
          busy={busy}
          onConfirm={(c) => void close(c)}
          onCancel={() => setCounting(false)}
        />
      ) : (
        <>
          {!view.float && (
            <div className="cashday__open">
              <h2>{t('cashDay.open.title')}</h2>
              <p>{t('cashDay.open.hint')}</p>
              <label className="op-field">
                {t('cashDay.open.float')}
                <span className="op-amount" data-field="float">
                  {floatText || '0'}
                </span>
              </label>
              <NumberPad
                value={floatText}
                onChange={setFloatText}
                maxLength={8}
                allowDot
                labels={{ backspace: t('cashDay.keypad.backspace'), clear: t('cashDay.keypad.clear') }}
              />
              <BigButton disabled={busy || floatFen === undefined || !operator} onClick={() => void open()}>
                {t('cashDay.open.confirm')}
              </BigButton>
            </div>
          )}
          <Summary view={view} />
          <RefundsDue db={db} now={now} onDone={setNote} />
          <BigButton onClick={() => setCounting(true)} disabled={!operator}>
            {t('cashDay.count.start')}
          </BigButton>
        </>
      )}

      <MovementList movements={view.movements} />
      <BigButton variant="quiet" onClick={onBack}>
        {t('cashDay.back')}
      </BigButton>
    </section>
  );
}

function Summary({ view }: { view: CashDayView }) {
  const { t } = useTranslation();
  return (
    <div className="cashday__summary">
      <h2>{t('cashDay.totals')}</h2>
      <dl className="facts">
        {view.summary.totals.map((row) => (
          <div key={row.kind} className="facts__row" data-total={row.kind}>
            <dt>
              {t(`cashDay.kind.${row.kind}`)} × {row.count}
            </dt>
            <dd>
              <Money fen={row.amountFen} />
            </dd>
          </div>
        ))}
        <dt>{t('cashDay.inFen')}</dt>
        <dd>
          <Money fen={view.summary.inFen} />
        </dd>
        <dt>{t('cashDay.outFen')}</dt>
        <dd>
          <Money fen={view.summary.outFen} />
        </dd>
        <dt>{t('cashDay.expected')}</dt>
        <dd data-fact="expected">
          <Money fen={view.summary.expectedFen} className="money--big" />
        </dd>
      </dl>
    </div>
  );
}
