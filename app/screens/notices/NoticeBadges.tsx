import { useTranslation } from 'react-i18next';
import type { NoticeRow } from '../../store/notices';

const KNOWN_CATEGORIES = new Set(['policy', 'agri', 'service', 'safety']);

/** 紧急 in red and 置顶 beside the title, in words and not colour alone (many villagers are colour-blind too). */
export function NoticeBadges({ notice }: { notice: Pick<NoticeRow, 'urgent' | 'pinned'> }) {
  const { t } = useTranslation();
  return (
    <>
      {notice.urgent && <span className="badge badge--urgent">{t('notices.urgent')}</span>}
      {notice.pinned && <span className="badge badge--pinned">{t('notices.pinned')}</span>}
    </>
  );
}

/** The category as a word; a category this kiosk does not know yet is shown as 通知, never as a raw key. */
export function useCategoryName(): (category: string) => string {
  const { t } = useTranslation();
  return (category) => t(`notices.categories.${KNOWN_CATEGORIES.has(category) ? category : 'other'}`);
}

/** '2026年2月24日' / 'February 24, 2026', in the terminal's time zone. */
export function noticeDate(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}
