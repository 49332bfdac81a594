import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SpeakButton } from '../shop/SpeakButton';

/**
 * The frame of a villager screen (公告, 溯源, 我的订单): 返回 and 返回首页 in the same place on every
 * screen, the title, and the speaker button that reads the current view's key facts (`say`). The body
 * fills the rest; nothing in it scrolls further than a page, so an elderly hand never needs to fling.
 */
export function VillagerFrame({
  title,
  say,
  onHome,
  onBack,
  name,
  children,
}: {
  title: string;
  say: string;
  onHome: () => void;
  /** Shown when the view has somewhere to go back to inside the service. */
  onBack?: () => void;
  /** The service, for the landmark's name and for tests (`data-service`). */
  name: { id: string; label: string };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main className="vscreen" aria-label={name.label} data-service={name.id}>
      <div className="vscreen-bar">
        <nav className="vscreen-bar__nav" aria-label={t('villager.navigation')}>
          {onBack && (
            <button type="button" className="vscreen-bar__button" onClick={onBack}>
              ◀ {t('villager.back')}
            </button>
          )}
          <button type="button" className="vscreen-bar__button" onClick={onHome}>
            {t('villager.home')}
          </button>
        </nav>
        <h1 className="vscreen-bar__title">{title}</h1>
        <SpeakButton text={say} />
      </div>
      <div className="vscreen-body">{children}</div>
    </main>
  );
}

/** 上一页 / 下一页 with where the villager is; rendered only when there is more than one page. */
export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const where = t('villager.page', { page: page + 1, pages });
  return (
    <nav className="pager" aria-label={where}>
      <button type="button" className="pager__button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        ▲ {t('villager.prevPage')}
      </button>
      <span className="pager__where">{where}</span>
      <button
        type="button"
        className="pager__button"
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
      >
        ▼ {t('villager.nextPage')}
      </button>
    </nav>
  );
}

/** The page a list can show: clamps `page` when the list shrank under the villager (a live query). */
export function pageOf<T>(rows: readonly T[], page: number, size: number) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { pages, current, shown: rows.slice(current * size, (current + 1) * size) };
}
