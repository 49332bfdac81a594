import type { KioskTransport } from '../../../kiosk-shell/api';
import { printReceipt } from '../../platform/print';
import { billReceiptInput, servicePoint } from '../../store/receipts';
import { ReceiptPrintStatus } from '../operator/ReceiptPrintStatus';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../components/money';
import { useOperator } from '../../platform/operator-session';
import type { BillIntentRow } from '../../store/bills';
import type { KioskDb } from '../../store/db';
import { RequestDone, RequestFlow } from '../requests/RequestFlow';
import { statusText } from '../requests/StatusLine';
import { spokenFen } from '../shop/spoken';
import { BillForm } from './BillForm';
import { BillRows } from './BillRows';
import { loadBills, type BillView } from './load';

type View = { kind: 'form' } | { kind: 'done'; bill: BillIntentRow };

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
  const line = (b: BillIntentRow) =>
    t('requests.bills.line', {
      kind: t(`requests.bills.kinds.${b.kind}`),
      account: b.account,
      amount: formatFen(b.amountFen),
    });

  return (
    <RequestFlow<BillView, View>
      service="bills"
      db={db}
      onHome={onHome}
      load={loadBills}
      start={{ kind: 'form' }}
      // The newest few, with the county's answer and any refund: what the villager came to hear.
      sayList={(rows) =>
        [
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
        ].join('')
      }
      list={(rows) => <BillRows rows={rows} />}
      view={(view, { phone, rows, go, toList }) => {
        switch (view.kind) {
          case 'form':
            return {
              say: t('requests.bills.say.form'),
              onBack: toList,
              body: (
                <BillForm
                  db={db}
                  phone={phone}
                  operatorId={cashier}
                  onDone={(bill) => {
                    go({ kind: 'done', bill });
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
              ),
            };
          case 'done': {
            const bill = view.bill;
            const mine = rows?.filter((r) => r.bill.id === bill.id);
            return {
              say: t('requests.bills.say.done', {
                line: `${t(`requests.bills.kinds.${bill.kind}`)} ${bill.account} ${spokenFen(bill.amountFen, i18n.language)}`,
              }),
              body: (
                <RequestDone service="bills" id={bill.id} line={line(bill)} onDone={toList}>
                  {api && <ReceiptPrintStatus db={db} refId={bill.id} />}
                  {mine && mine.length > 0 && <BillRows rows={mine} />}
                </RequestDone>
              ),
            };
          }
        }
      }}
    />
  );
}
