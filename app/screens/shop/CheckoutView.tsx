import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { NumberPad } from '../../components/NumberPad';
import type { KioskDb } from '../../store/db';
import {
  checkPhone,
  placeOrder,
  type Delivery,
  type OrderRow,
  type Payment,
  type PhoneProblem,
} from '../../store/orders';
import { cartPieces, cartTotalFen, type Cart } from './cart';
import { ShopTitle } from './SpeakButton';
import { groupPhone, spokenFen } from './spoken';

type Problem =
  { kind: 'phone'; problem: PhoneProblem } | { kind: 'payment' } | { kind: 'failed'; message: string };

/**
 * The villager's phone number on the keypad, cash or scan-to-pay, delivery to the point unless asked
 * otherwise, then 确认下单: the order and its outbox mutation are committed together before the
 * confirmation shows (store/orders.ts). Nothing here needs the network.
 */
export function CheckoutView({
  db,
  cart,
  onPlaced,
}: {
  db: KioskDb;
  cart: Cart;
  onPlaced: (order: OrderRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const [phone, setPhone] = useState('');
  const [payment, setPayment] = useState<Payment>();
  const [delivery, setDelivery] = useState<Delivery>('point');
  const [problem, setProblem] = useState<Problem>();
  const [placing, setPlacing] = useState(false);
  const total = cartTotalFen(cart);

  const confirm = async () => {
    const phoneProblem = checkPhone(phone);
    if (phoneProblem) return setProblem({ kind: 'phone', problem: phoneProblem });
    if (!payment) return setProblem({ kind: 'payment' });
    setProblem(undefined);
    setPlacing(true);
    const result = await placeOrder(db, { phone, lines: cart, payment, delivery });
    setPlacing(false);
    if (!result.ok) return setProblem({ kind: 'failed', message: result.error.message });
    onPlaced(result.order);
  };

  const message =
    problem?.kind === 'phone'
      ? t(`shop.phoneProblem.${problem.problem}`, { count: phone.length })
      : problem?.kind === 'payment'
        ? t('shop.choosePayment')
        : problem?.kind === 'failed'
          ? t('shop.placeFailed', { message: problem.message })
          : undefined;

  return (
    <div className="checkout-view">
      <ShopTitle
        title={t('shop.checkoutTitle')}
        say={t('shop.say.checkout', { total: spokenFen(total, i18n.language) })}
      />
      <div className="checkout-view__columns">
        <section className="checkout-view__phone" aria-labelledby="phone-label">
          <h2 id="phone-label">{t('shop.phoneLabel')}</h2>
          <output className="phone-display" aria-label={t('shop.phoneLabel')} data-phone={phone}>
            {phone ? groupPhone(phone) : <span className="phone-display__hint">{t('shop.phoneHint')}</span>}
          </output>
          <NumberPad
            value={phone}
            onChange={(next) => {
              setPhone(next);
              if (problem?.kind === 'phone') setProblem(undefined);
            }}
            maxLength={11}
            labels={{ backspace: t('shop.keyboard.backspace'), clear: t('shop.keyboard.clear') }}
          />
        </section>
        <section className="checkout-view__choices">
          <h2>{t('shop.payment')}</h2>
          <div className="choice-row" role="radiogroup" aria-label={t('shop.payment')}>
            {(['cash', 'epay'] as const).map((p) => (
              <button
                key={p}
                type="button"
                role="radio"
                aria-checked={payment === p}
                className={`choice ${payment === p ? 'choice--on' : ''}`}
                onClick={() => {
                  setPayment(p);
                  if (problem?.kind === 'payment') setProblem(undefined);
                }}
              >
                <span className="choice__name">{t(`shop.paymentOptions.${p}`)}</span>
                <span className="choice__hint">{t(`shop.paymentOptions.${p}Hint`)}</span>
              </button>
            ))}
          </div>
          <h2>{t('shop.delivery')}</h2>
          <div className="choice-row" role="radiogroup" aria-label={t('shop.delivery')}>
            {(['point', 'home'] as const).map((d) => (
              <button
                key={d}
                type="button"
                role="radio"
                aria-checked={delivery === d}
                className={`choice choice--small ${delivery === d ? 'choice--on' : ''}`}
                onClick={() => setDelivery(d)}
              >
                <span className="choice__name">{t(`shop.deliveryOptions.${d}`)}</span>
              </button>
            ))}
          </div>
          <p className="checkout-view__total">
            {t('shop.cartPieces', { count: cartPieces(cart) })} · {t('shop.total')}{' '}
            <Money fen={total} className="shop-total" />
          </p>
          {message && (
            <p className="shop-error" role="alert">
              {message}
            </p>
          )}
          <button
            type="button"
            className="big-button big-button--primary checkout-view__place"
            disabled={placing || cart.length === 0}
            onClick={() => void confirm()}
          >
            {placing ? t('shop.placing') : t('shop.placeOrder')}
          </button>
        </section>
      </div>
    </div>
  );
}
