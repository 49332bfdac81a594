import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import type { QtyProblem } from '../../store/orders';
import { cartPieces, cartTotalFen, type Cart } from './cart';
import { QuantityStepper } from './QuantityStepper';
import { ShopTitle } from './SpeakButton';
import { spokenFen } from './spoken';

/** The cart: every line with its stepper, subtotal and 删除; the total in integer fen; 去结算. */
export function CartView({
  cart,
  onQty,
  onRemove,
  onContinue,
  onCheckout,
}: {
  cart: Cart;
  onQty: (itemId: string, qty: number) => void;
  onRemove: (itemId: string) => void;
  onContinue: () => void;
  onCheckout: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<QtyProblem>();
  const total = cartTotalFen(cart);
  const say =
    cart.length === 0
      ? t('shop.say.cartEmpty')
      : t('shop.say.cart', { count: cartPieces(cart), total: spokenFen(total, i18n.language) });

  return (
    <div className="cart-view">
      <ShopTitle title={t('shop.cartTitle')} say={say} />
      {cart.length === 0 ? (
        <p className="shop-note">{t('shop.cartEmpty')}</p>
      ) : (
        <ul className="cart-lines">
          {cart.map((line) => (
            <li key={line.itemId} className="cart-line" data-item={line.itemId}>
              <div className="cart-line__what">
                <span className="cart-line__name">{line.name}</span>
                <span className="cart-line__spec">
                  <Money fen={line.unitPriceFen} />/{line.unit} · {line.spec}
                </span>
              </div>
              <QuantityStepper
                value={line.qty}
                unit={line.unit}
                label={`${t('shop.qty')} ${line.name}`}
                onChange={(qty) => {
                  setProblem(undefined);
                  onQty(line.itemId, qty);
                }}
                onProblem={setProblem}
              />
              <span className="cart-line__total" aria-label={t('shop.lineTotal')}>
                <Money fen={line.qty * line.unitPriceFen} />
              </span>
              <button
                type="button"
                className="big-button big-button--quiet cart-line__remove"
                aria-label={`${t('shop.remove')} ${line.name}`}
                onClick={() => onRemove(line.itemId)}
              >
                {t('shop.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="shop-error" role="alert">
          {t(`shop.qtyProblem.${problem}`)}
        </p>
      )}
      <div className="shop-footer">
        <span className="shop-footer__total">
          {t('shop.total')} <Money fen={total} className="shop-total" />
        </span>
        <button type="button" className="big-button big-button--secondary" onClick={onContinue}>
          {t('shop.continueShopping')}
        </button>
        <button
          type="button"
          className="big-button big-button--primary"
          disabled={cart.length === 0}
          onClick={onCheckout}
        >
          {t('shop.checkout')}
        </button>
      </div>
    </div>
  );
}
