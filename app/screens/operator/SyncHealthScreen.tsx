import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../components/BigButton';
import { exportFileBlob, exportFileName, useSync } from '../../platform/sync';
import { listRejected } from '../../store/push-store';
import type { KioskDb } from '../../store/db';

/**
 * The operator's view of sync: what is waiting, when the county last answered, what went wrong (in
 * plain Chinese), what the county refused and why — and two ways out: 立即同步, and an export of
 * everything unsynced to a file for the USB stick when the link is gone for good.
 */
export function SyncHealthScreen({ db, onBack }: { db: KioskDb; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const { status, syncNow, exportUnsynced } = useSync();
  const rejected = useLiveQuery(() => listRejected(db), [db]) ?? [];
  // Read from the outbox itself: the engine's count is only refreshed when it runs a cycle.
  const pending = useLiveQuery(() => db.outbox.count(), [db]) ?? status.pending;
  const [note, setNote] = useState<string>();
  const time = (iso: string | number | undefined) =>
    iso === undefined ? t('syncHealth.never') : new Date(iso).toLocaleString(i18n.language);

  const download = async () => {
    const file = await exportUnsynced();
    if (!file.ok) return setNote(file.error.message);
    const url = URL.createObjectURL(exportFileBlob(file.value));
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(file.value);
    a.click();
    URL.revokeObjectURL(url);
    setNote(t('syncHealth.exported', { count: file.value.mutations.length, name: a.download }));
  };

  return (
    <section className="panel panel--wide" aria-labelledby="sync-title">
      <h1 id="sync-title">{t('syncHealth.title')}</h1>
      <dl className="facts">
        <dt>{t('syncHealth.state')}</dt>
        <dd data-fact="state">{t(`syncHealth.states.${status.state}`)}</dd>
        <dt>{t('syncHealth.pending')}</dt>
        <dd data-fact="pending">{pending}</dd>
        <dt>{t('syncHealth.lastSuccess')}</dt>
        <dd data-fact="lastSuccess">{time(status.lastSuccessAt)}</dd>
        <dt>{t('syncHealth.lastError')}</dt>
        <dd data-fact="lastError">{status.lastError ? status.lastError.message : t('syncHealth.none')}</dd>
        {status.storage && (
          <>
            <dt>{t('syncHealth.storage')}</dt>
            <dd className={status.storage.warning ? 'fact--bad' : ''}>
              {t('syncHealth.storageUse', {
                used: Math.round(status.storage.usage / 1e6),
                quota: Math.round(status.storage.quota / 1e6),
              })}
            </dd>
          </>
        )}
      </dl>
      {rejected.length > 0 && (
        <div className="rejected">
          <h2>{t('syncHealth.rejectedTitle', { count: rejected.length })}</h2>
          <ul>
            {rejected.map((r) => (
              <li key={r.id} data-rejected={r.id}>
                <span className="rejected__type">
                  {t(`mutationType.${r.type}`, { defaultValue: r.type })}
                </span>
                <span className="rejected__reason">{r.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {note && <p role="status">{note}</p>}
      <div className="panel__actions">
        <BigButton variant="secondary" onClick={onBack}>
          {t('nav.back')}
        </BigButton>
        <BigButton variant="secondary" onClick={() => void download()}>
          {t('syncHealth.export')}
        </BigButton>
        <BigButton disabled={status.state === 'syncing'} onClick={() => void syncNow()}>
          {status.state === 'syncing' ? t('syncHealth.syncing') : t('syncHealth.syncNow')}
        </BigButton>
      </div>
    </section>
  );
}
