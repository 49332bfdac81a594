import { useTranslation } from 'react-i18next';
import type { Pulled } from '../../store/db';
import { CategoryIcon } from './CategoryIcon';
import { ShopTitle } from './SpeakButton';

/** The shop's first screen: one large tile per category, and the pinyin search. */
export function BrowseView({
  categories,
  onCategory,
  onSearch,
}: {
  categories: readonly Pulled<'category'>[] | undefined;
  onCategory: (category: Pulled<'category'>) => void;
  onSearch: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <>
      <ShopTitle title={t('shop.browseTitle')} say={t('shop.say.browse')}>
        <span className="shop-title__hint">{t('shop.scanHint')}</span>
      </ShopTitle>
      <div className="category-tiles">
        <button type="button" className="category-tile category-tile--search" onClick={onSearch}>
          <svg width="56" height="56" viewBox="0 0 48 48" aria-hidden="true" className="category-icon">
            <path
              d="M20 34a14 14 0 1 0 0-28 14 14 0 0 0 0 28zm10-4 14 14"
              fill="none"
              stroke="currentColor"
              strokeWidth="3"
              strokeLinecap="round"
            />
          </svg>
          <span className="category-tile__name">{t('shop.searchButton')}</span>
          <span className="category-tile__hint">{t('shop.searchButtonHint')}</span>
        </button>
        {categories?.map((c) => (
          <button
            key={c.id}
            type="button"
            className="category-tile"
            onClick={() => onCategory(c)}
            data-category={c.id}
          >
            <CategoryIcon icon={c.icon} size={56} />
            <span className="category-tile__name">{en ? c.nameEn : c.name}</span>
          </button>
        ))}
      </div>
      {categories?.length === 0 && <p className="shop-note">{t('shop.noCategories')}</p>}
    </>
  );
}
