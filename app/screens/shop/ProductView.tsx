import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Money } from '../../components/Money';
import { catalogueItem } from '../../store/catalogue';
import type { CatalogueRow, KioskDb, Pulled } from '../../store/db';
import type { QtyProblem } from '../../store/orders';
import { CategoryIcon } from './CategoryIcon';
import { productImageSrc } from './image';
import { QuantityStepper } from './QuantityStepper';
import { ShopTitle } from './SpeakButton';
import { spokenFen } from './spoken';

/**
 * One product, big: photo (cached by the service worker for offline use) or the category's icon,
 * the facts a villager asks about, the price per unit, and a quantity to put in the cart.
 */
export function ProductView({
  db,
  itemId,
  categories,
  onAdd,
}: {
  db: KioskDb;
  itemId: string;
  categories: readonly Pulled<'category'>[] | undefined;
  /** Returns why the item could not be added, or undefined when it was. */
  onAdd: (item: CatalogueRow, qty: number) => QtyProblem | 'lines' | undefined;
}) {
  const { t, i18n } = useTranslation();
  const item = useLiveQuery(() => catalogueItem(db, itemId), [db, itemId], null);
  const [qty, setQty] = useState(1);
  const [problem, setProblem] = useState<QtyProblem | 'lines'>();
  const [brokenImage, setBrokenImage] = useState<string>();

  if (item === null) return <p className="shop-note">{t('shop.loading')}</p>;
  if (item === undefined) return <p className="shop-note">{t('shop.inactive')}</p>;

  const icon = categories?.find((c) => c.id === item.categoryId)?.icon ?? '';
  const src = productImageSrc(item.imageUrl);
  const say = t('shop.say.product', {
    name: item.name,
    price: spokenFen(item.priceFen, i18n.language),
    unit: item.unit,
  });
  const facts: [string, string | null][] = [
    [t('shop.spec'), item.spec],
    [t('shop.brand'), item.brand],
    [t('shop.origin'), item.origin],
    [t('shop.tags'), item.tags.length > 0 ? item.tags.join('、') : null],
  ];

  return (
    <div className="product-view">
      <div className="product-view__photo">
        {src && brokenImage !== src ? (
          <img src={src} alt={item.name} onError={() => setBrokenImage(src)} />
        ) : (
          <div className="product-view__placeholder">
            <CategoryIcon icon={icon} size={200} />
          </div>
        )}
      </div>
      <div className="product-view__facts">
        <ShopTitle title={item.name} say={say} />
        <p className="product-view__price">
          <Money fen={item.priceFen} />
          <span className="product-view__unit"> {t('shop.perUnit', { unit: item.unit })}</span>
        </p>
        <dl className="facts">
          {facts
            .filter((f): f is [string, string] => Boolean(f[1]))
            .map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
        </dl>
        {!item.active ? (
          <p className="shop-error">{t('shop.inactive')}</p>
        ) : (
          <div className="product-view__buy">
            <QuantityStepper
              value={qty}
              unit={item.unit}
              label={t('shop.qty')}
              onChange={(n) => {
                setQty(n);
                setProblem(undefined);
              }}
              onProblem={setProblem}
            />
            <button
              type="button"
              className="big-button big-button--primary product-view__add"
              onClick={() => setProblem(onAdd(item, qty))}
            >
              {t('shop.addToCart')}
            </button>
          </div>
        )}
        {problem && (
          <p className="shop-error" role="alert">
            {t(`shop.qtyProblem.${problem}`)}
          </p>
        )}
      </div>
    </div>
  );
}
