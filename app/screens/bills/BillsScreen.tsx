import { useState } from 'react';
import type { KioskTransport } from '../../../kiosk-shell/api';
import { printReceipt } from '../../platform/print';
import { billReceiptInput, servicePoint } from '../../store/receipts';
import { ReceiptPrintStatus } from '../operator/ReceiptPrintStatus';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatFen } from '../../components/money';
import { useOperator } from '../../platform/operator-session';
import type { BillIntentRow } from '../../store/bills';
import type { KioskDb } from '../../store/db';
import { VillagerFrame } from '../common/VillagerFrame';
import { PhoneStep } from '../requests/PhoneStep';
import { statusText } from '../requests/StatusLine';
import { groupPhone, spokenFen } from '../shop/spoken';
import { BillForm } from './BillForm';
import { BillRows } from './BillRows';
import { loadBills } from './load';
import '../requests/requests.css';

type View = { kind: 'phone' } | { kind: 'list' } | { kind: 'form' } | { kind: 'done'; bill: BillIntentRow };

/**
 * 缴费充值: the villager's phone, their payments with the county's answers (a failed one shows the
 * refund due or paid), and a new payment: kind, account, amount, cash taken — recorded with its cash
 * movement and outbox mutation in one transaction (store/bills.ts). Works with no connection.
 */
export function BillsScreen({
  db,
  onHome,
  operatorId,
  api,
}: {
  db: KioskDb;
  onHome: () => void;
  /** The shell, for the receipt; without it (no shell) the screen is the receipt. */
  api?: KioskTransport;
  /** Who takes the cash; by default the operator signed in at the point, if any. */
  operatorId?: string;
}) {
  const { t, i18n } = useTranslation();
  const signedIn = useOperator();
  const cashier = operatorId ?? signedIn?.id;
  const [phone, setPhone] = useState<string>();
  const [view, setView] = useState<View>({ kind: 'phone' });
  const rows = useLiveQuery(() => (phone ? loadBills(db, phone) : undefined), [db, phone]);
  const line = (b: BillIntentRow) =>
    t('requests.bills.line', {
      kind: t(`requests.bills.kinds.${b.kind}`),
      account: b.account,
      amount: formatFen(b.amountFen),
    });

  let body;
  let say: string;
  let onBack: (() => void) | undefined;
  switch (view.kind) {
    case 'phone':
      say = t('requests.phoneHint');
      body = (
        <PhoneStep
          onPhone={(p) => {
            setPhone(p);
            setView({ kind: 'list' });
          }}
        />
      );
      break;
    case 'list':
      // The newest few, with the county's answer and any refund: what the villager came to hear.
      say = [
        t('requests.bills.say.list', { count: rows?.length ?? 0 }),
        ...(rows ?? []).slice(0, 3).map(
          (r) =>
            t('requests.bills.say.row', {
              kind: t(`requests.bills.kinds.${r.bill.kind}`),
              amount: spokenFen(r.bill.amountFen, i18n.language),
              status: statusText(t, 'bill', r.status, r.sync),
            }) +
            (r.refund.state === 'none'
              ? ''
              : t(`requests.bills.say.${r.refund.state === 'due' ? 'refundDue' : 'refunded'}`, {
                  amount: spokenFen(r.refund.amountFen, i18n.language),
                })),
        ),
      ].join('');
      onBack = () => setView({ kind: 'phone' });
      body = (
        <>
          <div className="req-head">
            <h2>
              {t('requests.bills.records')} · {t('requests.phoneOf', { phone: groupPhone(phone ?? '') })}
            </h2>
            <button
              type="button"
              className="big-button big-button--primary"
              onClick={() => setView({ kind: 'form' })}
            >
              {t('requests.bills.new')}
            </button>
          </div>
          <BillRows rows={rows} />
        </>
      );
      break;
    case 'form':
      say = t('requests.bills.say.form');
      onBack = () => setView({ kind: 'list' });
      body = (
        <BillForm
          db={db}
          phone={phone ?? ''}
          operatorId={cashier}
          onDone={(bill) => {
            setView({ kind: 'done', bill });
            // The receipt prints only now that the payment is committed; once per bill (print.ts).
            if (api)
              void servicePoint(db).then((point) =>
                printReceipt(
                  api,
                  { kind: 'order-receipt', input: billReceiptInput(bill, point) },
                  { db, ref: bill.id },
                ),
              );
          }}
        />
      );
      break;
    case 'done': {
      const bill = view.bill;
      say = t('requests.bills.say.done', {
        line: `${t(`requests.bills.kinds.${bill.kind}`)} ${bill.account} ${spokenFen(bill.amountFen, i18n.language)}`,
      });
      body = (
        <section className="req-done" data-request-id={bill.id}>
          <h2>{t('requests.bills.doneTitle')}</h2>
          <p className="req-done__line">{line(bill)}</p>
          <p className="vscreen-note">{t('requests.bills.doneBody')}</p>
          {api && <ReceiptPrintStatus db={db} refId={bill.id} />}
          {rows?.some((r) => r.bill.id === bill.id) && (
            <BillRows rows={rows.filter((r) => r.bill.id === bill.id)} />
          )}
          <button
            type="button"
            className="big-button big-button--primary"
            onClick={() => setView({ kind: 'list' })}
          >
            {t('requests.done')}
          </button>
        </section>
      );
      break;
    }
  }

  return (
    <VillagerFrame
      title={t('requests.bills.title')}
      say={say}
      onHome={onHome}
      onBack={onBack}
      name={{ id: 'bills', label: t('requests.bills.title') }}
    >
      {body}
    </VillagerFrame>
  );
}
