import { useTranslation } from 'react-i18next';
import type { NoticeRow } from '../../store/notices';
import { NoticeBadges, noticeDate, useCategoryName } from './NoticeBadges';

/** One notice in full: title, badges, category and date, then the body in short paragraphs. */
export function NoticeDetail({ notice }: { notice: NoticeRow }) {
  const { t, i18n } = useTranslation();
  const categoryName = useCategoryName();
  // County bodies are one run of sentences; a break after each 。 makes them easier to follow.
  const paragraphs = notice.body
    .split(/\n+|(?<=。)/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <article
      className={`notice-detail ${notice.urgent ? 'notice-detail--urgent' : ''}`}
      aria-labelledby="notice-title"
      data-notice={notice.id}
    >
      <h2 id="notice-title" className="notice-detail__title">
        <NoticeBadges notice={notice} />
        {notice.title}
      </h2>
      <p className="notice-detail__meta">
        {categoryName(notice.category)} ·{' '}
        {t('notices.published', { date: noticeDate(notice.publishedAt, i18n.language) })}
      </p>
      <div className="notice-detail__body">
        {paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </article>
  );
}
