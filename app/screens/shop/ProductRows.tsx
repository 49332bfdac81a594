import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import type { CatalogueRow } from '../../store/db';

/**
 * A page of products as big rows (name, size, price per unit) with 上一页/下一页 beside them. Only one
 * page is ever in the DOM, so a category of thousands renders as fast as one of ten; paging with two
 * large buttons is also easier for an elderly hand than flinging a long list.
 */
export function ProductRows({
  rows,
  page,
  pageSize,
  onPage,
  onOpen,
}: {
  rows: readonly CatalogueRow[];
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onOpen: (item: CatalogueRow) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * pageSize, (current + 1) * pageSize);
  return (
    <div className="product-rows">
      <ul className="product-rows__list" aria-label={t('shop.page', { page: current + 1, pages })}>
        {shown.map((item) => (
          <li key={item.id}>
            <button type="button" className="product-row" onClick={() => onOpen(item)} data-item={item.id}>
              <span className="product-row__name">{item.name}</span>
              <span className="product-row__spec">{item.spec}</span>
              <span className="product-row__price">
                <Money fen={item.priceFen} />
                <span className="product-row__unit">/{item.unit}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="pager" aria-label={t('shop.page', { page: current + 1, pages })}>
          <button
            type="button"
            className="pager__button"
            disabled={current === 0}
            onClick={() => onPage(current - 1)}
          >
            ▲ {t('shop.prevPage')}
          </button>
          <span className="pager__where">{t('shop.page', { page: current + 1, pages })}</span>
          <button
            type="button"
            className="pager__button"
            disabled={current >= pages - 1}
            onClick={() => onPage(current + 1)}
          >
            ▼ {t('shop.nextPage')}
          </button>
        </nav>
      )}
    </div>
  );
}
