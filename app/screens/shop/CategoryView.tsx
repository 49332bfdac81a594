import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { itemsInCategory } from '../../store/catalogue';
import type { CatalogueRow, KioskDb, Pulled } from '../../store/db';
import { ProductRows } from './ProductRows';
import { ShopTitle } from './SpeakButton';

export const CATEGORY_PAGE_SIZE = 8;

/**
 * The goods of one category. The category is read once (live: a price the county changes while the
 * villager looks shows at once) and paged in memory, so turning a page never waits on the database.
 */
export function CategoryView({
  db,
  category,
  page,
  onPage,
  onOpen,
}: {
  db: KioskDb;
  category: Pulled<'category'>;
  page: number;
  onPage: (page: number) => void;
  onOpen: (item: CatalogueRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const rows = useLiveQuery(() => itemsInCategory(db, category.id), [db, category.id]);
  const name = i18n.language === 'en' ? category.nameEn : category.name;
  return (
    <>
      <ShopTitle title={name} say={t('shop.say.category', { name, count: rows?.length ?? 0 })} />
      {rows === undefined ? (
        <p className="shop-note">{t('shop.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="shop-note">{t('shop.emptyCategory')}</p>
      ) : (
        <ProductRows rows={rows} page={page} pageSize={CATEGORY_PAGE_SIZE} onPage={onPage} onOpen={onOpen} />
      )}
    </>
  );
}
