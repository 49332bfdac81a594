import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { BigButton } from '../../../components/BigButton';
import type { KioskDb } from '../../../store/db';
import { AddItemView } from './AddItemView';
import { ItemView } from './ItemView';
import { ReceiveView } from './ReceiveView';
import { SellView } from './SellView';
import { ShelfView } from './ShelfView';
import './stock.css';

export type StockView =
  | { kind: 'shelf' }
  | { kind: 'item'; itemId: string }
  | { kind: 'sell' }
  | { kind: 'receive' }
  | { kind: 'add'; barcode?: string };

const TABS = ['shelf', 'sell', 'receive', 'add'] as const;

/**
 * 进销存: the point's own shelves. 库存 lists them (low stock first on request) and opens an item for
 * a count or a write-off; 卖货 is the counter sale; 收货 books a county delivery note or scanned goods;
 * 添加商品 puts catalogue items or local ones on the shelf list. Every change is a stock movement
 * synced to the county (store/stock.ts, sales.ts, deliveries.ts).
 */
export function StockScreen({
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
  const [view, setView] = useState<StockView>({ kind: 'shelf' });
  const tab = view.kind === 'item' ? 'shelf' : view.kind;

  let body;
  switch (view.kind) {
    case 'shelf':
      body = <ShelfView db={db} onOpen={(itemId) => setView({ kind: 'item', itemId })} />;
      break;
    case 'item':
      body = <ItemView db={db} itemId={view.itemId} now={now} onBack={() => setView({ kind: 'shelf' })} />;
      break;
    case 'sell':
      body = <SellView db={db} api={api} pointName={pointName} now={now} />;
      break;
    case 'receive':
      body = <ReceiveView db={db} now={now} onAddLocal={(barcode) => setView({ kind: 'add', barcode })} />;
      break;
    case 'add':
      body = <AddItemView db={db} now={now} {...(view.barcode !== undefined && { barcode: view.barcode })} />;
      break;
  }

  return (
    <section className="panel panel--wide stock" aria-labelledby="stock-title">
      <h1 id="stock-title">{t('shopStock.title')}</h1>
      <div className="op-tabs" role="tablist">
        {TABS.map((k) => (
          <BigButton
            key={k}
            role="tab"
            aria-selected={tab === k}
            variant="secondary"
            className={tab === k ? 'op-tab--on' : ''}
            onClick={() => setView({ kind: k })}
          >
            {t(`shopStock.tabs.${k}`)}
          </BigButton>
        ))}
      </div>
      <div role="tabpanel">{body}</div>
      <BigButton variant="quiet" onClick={onBack}>
        {t('shopStock.back')}
      </BigButton>
    </section>
  );
}
