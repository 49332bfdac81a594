import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskTransport } from '../../../kiosk-shell/api';
import { ReceiptPrintStatus } from '../operator/ReceiptPrintStatus';
import { printReceipt } from '../../platform/print';
import { orderReceiptInput, servicePoint } from '../../store/receipts';
import { Money } from '../../components/Money';
import type { KioskDb } from '../../store/db';
import { formatOrderNo, orderSyncState, type OrderRow } from '../../store/orders';
import { ShopTitle } from './SpeakButton';
import { groupPhone, spokenFen } from './spoken';

/**
 * The confirmation: the short order number, how to pay, and the receipt on screen and on paper. It
 * shows only after the order is committed, so what it says (and prints) is true after a power cut too.
 */
export function DoneView({
  db,
  order,
  onFinish,
  api,
}: {
  db: KioskDb;
  order: OrderRow;
  onFinish: () => void;
  /** The terminal's KioskApi: with it the receipt is printed (once per order, see platform/print.ts). */
  api?: KioskTransport;
}) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (!api) return;
    void (async () => {
      const input = orderReceiptInput(order, await servicePoint(db));
      await printReceipt(api, { kind: 'order-receipt', input }, { db, ref: order.id });
    })();
  }, [api, db, order]);
  const sync = useLiveQuery(() => orderSyncState(db, order), [db, order.mutationId]);
  const no = formatOrderNo(order.no);
  const pay = t(`shop.paymentState.${order.paymentState}`);
  const say = t('shop.say.done', { no, total: spokenFen(order.totalFen, i18n.language), pay });

  return (
    <div className="done-view" data-order-id={order.id}>
      <div className="done-view__main">
        <ShopTitle title={t('shop.doneTitle')} say={say} />
        <p className="done-view__no">
          <span className="done-view__label">{t('shop.orderNo')}</span>
          <strong data-order-no={no}>{no}</strong>
        </p>
        <p
          className={`done-view__pay done-view__pay--${order.payment}`}
          data-payment-state={order.paymentState}
        >
          {pay}
        </p>
        <p className="done-view__total">
          {t('shop.total')} <Money fen={order.totalFen} className="shop-total" />
        </p>
        {sync && (
          <p className={`done-view__sync done-view__sync--${sync}`} data-sync={sync}>
            {t(`shop.sync.${sync}`)}
          </p>
        )}
        {api && <ReceiptPrintStatus db={db} refId={order.id} />}
        <button type="button" className="big-button big-button--primary" onClick={onFinish}>
          {t('shop.finish')}
        </button>
      </div>
      <section className="receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title">{t('shop.receiptTitle')}</h2>
        <dl className="receipt__facts">
          <dt>{t('shop.orderNo')}</dt>
          <dd>{no}</dd>
          <dt>{t('shop.placedAt')}</dt>
          <dd>{new Date(order.placedAt).toLocaleString(i18n.language)}</dd>
          <dt>{t('shop.phone')}</dt>
          <dd>{groupPhone(order.phone)}</dd>
          <dt>{t('shop.deliveryTo')}</dt>
          <dd>{t(`shop.deliveryOptions.${order.delivery}`)}</dd>
        </dl>
        <ul className="receipt__lines">
          {order.lines.map((l) => (
            <li key={l.itemId}>
              <span className="receipt__name">{l.name}</span>
              <span className="receipt__qty">
                <Money fen={l.unitPriceFen} /> × {l.qty}
                {l.unit}
              </span>
              <Money fen={l.qty * l.unitPriceFen} className="receipt__amount" />
            </li>
          ))}
        </ul>
        <p className="receipt__total">
          {t('shop.total')} <Money fen={order.totalFen} />
        </p>
        <p className="receipt__pay">{pay}</p>
        <p className="receipt__id">
          {t('shop.orderId')} {order.id}
        </p>
      </section>
    </div>
  );
}
