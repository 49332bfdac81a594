import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDb } from '../../store/db';
import { Pager, VillagerFrame, pageOf } from '../common/VillagerFrame';
import { groupPhone } from '../shop/spoken';
import { gatherRecords } from './load';
import { PhoneStep } from '../requests/PhoneStep';
import { RecordRow, useSaid } from './RecordRow';
import { recordSources, type RecordSource } from './sources';

const PAGE_SIZE = 4;

/**
 * 我的订单: the villager's phone number on the keypad → everything recorded for it at this point
 * (orders, and the other services' records as their sources land), newest first, each with where it
 * stands. Live: a status pulled from the county while the list is open changes it in place. The
 * number lives only in this screen's state, so the idle timeout's return home forgets it.
 */
export function MyOrdersScreen({
  db,
  onHome,
  sources = recordSources,
}: {
  db: KioskDb;
  onHome: () => void;
  sources?: readonly RecordSource[];
}) {
  const { t } = useTranslation();
  const said = useSaid();
  const [phone, setPhone] = useState<string>();
  const [page, setPage] = useState(0);
  const gathered = useLiveQuery(
    () => (phone ? gatherRecords(db, phone, sources) : undefined),
    [db, phone, sources],
  );
  const name = { id: 'orders', label: t('myOrders.title') };

  if (!phone)
    return (
      <VillagerFrame title={t('myOrders.title')} say={t('myOrders.say.prompt')} onHome={onHome} name={name}>
        <PhoneStep
          ns="myOrders"
          submit="lookup"
          onPhone={(p) => {
            setPage(0);
            setPhone(p);
          }}
        />
      </VillagerFrame>
    );

  const records = gathered?.records ?? [];
  const { pages, current, shown } = pageOf(records, page, PAGE_SIZE);
  const say =
    gathered && records.length === 0
      ? t('myOrders.say.none')
      : t('myOrders.say.list', {
          count: records.length,
          items: shown
            .map((r) =>
              t('myOrders.say.item', {
                kind: t(`myOrders.kinds.${r.kind}`),
                title: said(r.title),
                status: said(r.status),
              }),
            )
            .join('。'),
        });
  return (
    <VillagerFrame
      title={t('myOrders.title')}
      say={say}
      onHome={onHome}
      onBack={() => setPhone(undefined)}
      name={name}
    >
      <p className="vscreen-count">
        <span data-phone={phone}>{t('myOrders.forPhone', { phone: groupPhone(phone) })}</span>
        {gathered && records.length > 0 && <span> · {t('myOrders.count', { count: records.length })}</span>}
      </p>
      {gathered?.failed.map((kind) => (
        <p key={kind} className="vscreen-error" role="alert">
          {t('myOrders.failed', { kind: t(`myOrders.kinds.${kind}`) })}
        </p>
      ))}
      {!gathered ? (
        <p className="vscreen-note">{t('myOrders.loading')}</p>
      ) : records.length === 0 ? (
        <p className="vscreen-note" role="status">
          {t('myOrders.none')}
        </p>
      ) : (
        <div className="vscreen-list">
          <ul className="record-rows" aria-label={t('myOrders.title')}>
            {shown.map((r) => (
              <RecordRow key={r.key} record={r} />
            ))}
          </ul>
          <Pager page={current} pages={pages} onPage={setPage} />
        </div>
      )}
    </VillagerFrame>
  );
}
