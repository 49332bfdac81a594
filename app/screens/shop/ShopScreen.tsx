import { useCallback, useEffect, useState } from 'react';
import type { KioskTransport } from '../../../kiosk-shell/api';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Money } from '../../components/Money';
import { ServiceIcon } from '../../components/ServiceIcon';
import { useScans } from '../../platform/scans';
import { categories as readCategories, itemByBarcode } from '../../store/catalogue';
import type { CatalogueRow, KioskDb } from '../../store/db';
import type { OrderRow } from '../../store/orders';
import { BrowseView } from './BrowseView';
import { addToCart, cartPieces, cartTotalFen, removeLine, setQty, type Cart } from './cart';
import { CartView } from './CartView';
import { CategoryView } from './CategoryView';
import { CheckoutView } from './CheckoutView';
import { DoneView } from './DoneView';
import { ProductView } from './ProductView';
import { SearchView } from './SearchView';

/** Where the villager is in the shop; `back` pops one, so 返回 returns to the page they came from. */
export type ShopView =
  | { kind: 'browse' }
  | { kind: 'category'; categoryId: string; page: number }
  | { kind: 'search'; query: string; page: number }
  | { kind: 'product'; itemId: string }
  | { kind: 'cart' }
  | { kind: 'checkout' }
  | { kind: 'done'; order: OrderRow };

function assertNever(x: never): never {
  throw new Error(`unhandled shop view ${JSON.stringify(x)}`);
}

const NOTE_MS = 4000;

/**
 * 代购: browse by category or pinyin search, product page, cart, checkout, confirmation.
 *
 * The cart is this component's state on purpose: it lives exactly as long as the shop is on screen.
 * App's idle timeout (after its warning) returns home and unmounts the shop, which drops an
 * unfinished cart, so the next villager starts empty. Leaving by 返回首页 with goods in the cart asks
 * first. A barcode scanned anywhere in the shop opens that product.
 */
export function ShopScreen({ db, onHome, api }: { db: KioskDb; onHome: () => void; api?: KioskTransport }) {
  const { t } = useTranslation();
  const [stack, setStack] = useState<readonly ShopView[]>([{ kind: 'browse' }]);
  const [cart, setCart] = useState<Cart>([]);
  const [note, setNote] = useState<string>();
  const [leaving, setLeaving] = useState(false);
  const categories = useLiveQuery(() => readCategories(db), [db]);
  const view = stack[stack.length - 1] ?? { kind: 'browse' };

  // A note belongs to the page it was said on: moving on clears it.
  const push = useCallback((next: ShopView) => {
    setNote(undefined);
    setStack((s) => [...s, next]);
  }, []);
  const replaceTop = (next: ShopView) => setStack((s) => [...s.slice(0, -1), next]);
  const back = () => {
    setNote(undefined);
    setStack((s) => (s.length > 1 ? s.slice(0, -1) : s));
  };
  const openItem = (item: CatalogueRow) => push({ kind: 'product', itemId: item.id });

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(undefined), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  // Any code is looked up, not only valid EANs: a county may give local goods its own barcodes.
  useScans(({ code }) => {
    itemByBarcode(db, code).then(
      (item) => {
        if (!item) setNote(t('shop.barcodeUnknown', { code }));
        else if (!item.active) setNote(t('shop.barcodeInactive', { code }));
        else push({ kind: 'product', itemId: item.id });
      },
      (e: unknown) => setNote(e instanceof Error ? e.message : String(e)),
    );
  });

  const home = () => {
    if (cart.length > 0) setLeaving(true);
    else onHome();
  };

  let body;
  switch (view.kind) {
    case 'browse':
      body = (
        <BrowseView
          categories={categories}
          onCategory={(c) => push({ kind: 'category', categoryId: c.id, page: 0 })}
          onSearch={() => push({ kind: 'search', query: '', page: 0 })}
        />
      );
      break;
    case 'category': {
      const category = categories?.find((c) => c.id === view.categoryId);
      body = category ? (
        <CategoryView
          db={db}
          category={category}
          page={view.page}
          onPage={(page) => replaceTop({ ...view, page })}
          onOpen={openItem}
        />
      ) : (
        // The county withdrew the category while the villager was in it.
        <p className="shop-note">{t('shop.emptyCategory')}</p>
      );
      break;
    }
    case 'search':
      body = (
        <SearchView
          db={db}
          query={view.query}
          page={view.page}
          onChange={(query, page) => replaceTop({ kind: 'search', query, page })}
          onOpen={openItem}
        />
      );
      break;
    case 'product':
      body = (
        <ProductView
          key={view.itemId}
          db={db}
          itemId={view.itemId}
          categories={categories}
          onAdd={(item, qty) => {
            const result = addToCart(cart, item, qty);
            if (!result.ok) return result.problem;
            setCart(result.cart);
            push({ kind: 'cart' });
            setNote(t('shop.added', { name: item.name, qty }));
            return undefined;
          }}
        />
      );
      break;
    case 'cart':
      body = (
        <CartView
          cart={cart}
          onQty={(itemId, qty) => {
            const result = setQty(cart, itemId, qty);
            if (result.ok) setCart(result.cart);
          }}
          onRemove={(itemId) => setCart(removeLine(cart, itemId))}
          onContinue={back}
          onCheckout={() => push({ kind: 'checkout' })}
        />
      );
      break;
    case 'checkout':
      body = (
        <CheckoutView
          db={db}
          cart={cart}
          onPlaced={(order) => {
            // The order is committed: the cart has done its job, and 返回 must not lead back into it.
            setCart([]);
            setNote(undefined);
            setStack([{ kind: 'browse' }, { kind: 'done', order }]);
          }}
        />
      );
      break;
    case 'done':
      body = <DoneView db={db} order={view.order} onFinish={onHome} {...(api && { api })} />;
      break;
    default:
      assertNever(view);
  }

  const showBack = stack.length > 1 && view.kind !== 'done';
  const showCart = view.kind !== 'cart' && view.kind !== 'checkout' && view.kind !== 'done';
  return (
    <main className="shop" aria-label={t('shop.title')} data-view={view.kind}>
      <nav className="shop-bar">
        {showBack && (
          <button type="button" className="shop-bar__button" onClick={back}>
            ◀ {t('shop.back')}
          </button>
        )}
        <button type="button" className="shop-bar__button" onClick={home}>
          {t('shop.home')}
        </button>
        <span className="shop-bar__title">{t('shop.title')}</span>
        {showCart && (
          <button
            type="button"
            className="shop-bar__cart"
            onClick={() => push({ kind: 'cart' })}
            data-pieces={cartPieces(cart)}
          >
            <ServiceIcon id="shop" size={44} />
            {t('shop.cartButton')} {t('shop.cartPieces', { count: cartPieces(cart) })}
            {cart.length > 0 && <Money fen={cartTotalFen(cart)} className="shop-bar__total" />}
          </button>
        )}
      </nav>
      {note && (
        <p className="shop-toast" role="status">
          {note}
        </p>
      )}
      <div className="shop-body">{body}</div>
      {leaving && (
        <div
          className="shop-dialog"
          role="alertdialog"
          aria-labelledby="leave-title"
          aria-describedby="leave-body"
        >
          <div className="panel">
            <h1 id="leave-title">{t('shop.leaveTitle')}</h1>
            <p id="leave-body" className="panel__body">
              {t('shop.leaveBody')}
            </p>
            <div className="panel__actions">
              <button
                type="button"
                className="big-button big-button--secondary"
                onClick={() => setLeaving(false)}
              >
                {t('shop.leaveNo')}
              </button>
              <button type="button" className="big-button big-button--primary" onClick={onHome}>
                {t('shop.leaveYes')}
              </button>
            </div>
          </div>
        </div>
      )}
    </main>
  );
}
