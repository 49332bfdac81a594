import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDb } from '../../store/db';
import { noticesInOrder, type NoticeRow } from '../../store/notices';
import { Pager, VillagerFrame, pageOf } from '../common/VillagerFrame';
import { NoticeDetail } from './NoticeDetail';
import { NoticeBadges, noticeDate } from './NoticeBadges';

const PAGE_SIZE = 5;

/**
 * 信息发布: the notices the county published, urgent and pinned first, then newest (store/notices.ts),
 * a page of big rows at a time; a row opens the whole notice, which the speaker button reads aloud.
 * Live: a notice pulled or withdrawn while the villager looks shows up or goes at once.
 */
export function NoticesScreen({ db, onHome }: { db: KioskDb; onHome: () => void }) {
  const { t } = useTranslation();
  const notices = useLiveQuery(() => noticesInOrder(db), [db]);
  const [page, setPage] = useState(0);
  const [openId, setOpenId] = useState<string>();
  const name = { id: 'notices', label: t('notices.title') };

  if (openId) {
    const notice = notices?.find((n) => n.id === openId);
    return (
      <VillagerFrame
        title={t('notices.title')}
        say={notice ? t('notices.say.detail', { title: notice.title, body: notice.body }) : t('notices.gone')}
        onHome={onHome}
        onBack={() => setOpenId(undefined)}
        name={name}
      >
        {notice ? (
          <NoticeDetail notice={notice} />
        ) : (
          <p className="vscreen-note">{notices ? t('notices.gone') : t('notices.loading')}</p>
        )}
      </VillagerFrame>
    );
  }

  const { pages, current, shown } = pageOf(notices ?? [], page, PAGE_SIZE);
  const say = !notices?.length
    ? t('notices.say.empty')
    : t('notices.say.list', {
        count: notices.length,
        titles: shown
          .map((n) => (n.urgent ? t('notices.say.urgent', { title: n.title }) : n.title))
          .join('。'),
      });
  return (
    <VillagerFrame title={t('notices.title')} say={say} onHome={onHome} name={name}>
      {!notices ? (
        <p className="vscreen-note">{t('notices.loading')}</p>
      ) : notices.length === 0 ? (
        <p className="vscreen-note" role="status">
          {t('notices.empty')}
        </p>
      ) : (
        <>
          <p className="vscreen-count">{t('notices.count', { count: notices.length })}</p>
          <div className="vscreen-list">
            <ul className="notice-rows" aria-label={t('notices.title')}>
              {shown.map((n) => (
                <NoticeRowButton key={n.id} notice={n} onOpen={() => setOpenId(n.id)} />
              ))}
            </ul>
            <Pager page={current} pages={pages} onPage={setPage} />
          </div>
        </>
      )}
    </VillagerFrame>
  );
}

function NoticeRowButton({ notice, onOpen }: { notice: NoticeRow; onOpen: () => void }) {
  const { i18n } = useTranslation();
  return (
    <li>
      <button
        type="button"
        className={`notice-row ${notice.urgent ? 'notice-row--urgent' : ''}`}
        onClick={onOpen}
        data-notice={notice.id}
      >
        <span className="notice-row__title">
          <NoticeBadges notice={notice} />
          {notice.title}
        </span>
        <span className="notice-row__meta">{noticeDate(notice.publishedAt, i18n.language)}</span>
      </button>
    </li>
  );
}
