import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskTransport } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { usePolled } from '../../platform/status';
import { requestPersistence } from '../../store/db';
import { APP_VERSION } from '../../version';

/** The part of StorageManager this section reads (missing in jsdom and very old Chromium). */
export type StorageLike = Pick<StorageManager, 'estimate' | 'persisted' | 'persist'>;

interface StorageFacts {
  usage?: number;
  quota?: number;
  persisted: boolean;
}

async function readStorage(storage: StorageLike | undefined): Promise<StorageFacts> {
  if (!storage?.estimate) return { persisted: false };
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? false]);
  return { usage: estimate.usage, quota: estimate.quota, persisted };
}

const MB = 1024 * 1024;
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / 1024 / MB).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Software version, how the kiosk runs, and the browser storage that holds everything not yet synced:
 * how full it is and whether it is persistent (without persistence the browser may evict IndexedDB
 * under storage pressure — the outbox with it).
 */
export function DiagnosticsSystem({
  api,
  storage = globalThis.navigator?.storage,
}: {
  api: KioskTransport;
  storage?: StorageLike | undefined;
}) {
  const { t } = useTranslation();
  const info = usePolled(() => api.invoke('system.info', {}), 60_000, [api]);
  const [refresh, setRefresh] = useState(0);
  const [refused, setRefused] = useState(false);
  const facts = usePolled(() => readStorage(storage), 30_000, [storage, refresh]);

  const persist = async () => {
    const result = await requestPersistence(storage as StorageManager | undefined);
    setRefused(!result.persisted);
    setRefresh((n) => n + 1);
  };

  const v = info?.ok ? info.value : undefined;
  const known = facts?.usage !== undefined && facts.quota !== undefined && facts.quota > 0;
  return (
    <div className="diagnostics__section">
      <h2 id="diagnostics-system">{t('diagnosticsMore.system.title')}</h2>
      <dl className="facts" aria-labelledby="diagnostics-system">
        <dt>{t('diagnosticsMore.system.version')}</dt>
        <dd data-fact="version">
          {v?.version ?? '—'} / {APP_VERSION}
        </dd>
        <dt>{t('diagnosticsMore.system.shell')}</dt>
        <dd>{v ? t(`diagnosticsMore.system.shellKind.${v.shell}`) : '—'}</dd>
        <dt>{t('diagnosticsMore.system.hardware')}</dt>
        <dd>{v ? t(`diagnosticsMore.system.${v.simulate ? 'simulated' : 'real'}`) : '—'}</dd>
        <dt>{t('diagnosticsMore.system.storage')}</dt>
        <dd data-fact="storage">
          {known
            ? t('diagnosticsMore.system.storageUse', {
                used: formatBytes(facts.usage!),
                quota: formatBytes(facts.quota!),
                percent: Math.round((facts.usage! / facts.quota!) * 1000) / 10,
              })
            : t('diagnosticsMore.system.storageUnknown')}
        </dd>
        <dt>{t('diagnosticsMore.system.persisted')}</dt>
        <dd data-fact="persisted" className={facts?.persisted ? undefined : 'fact--bad'}>
          {facts?.persisted
            ? t('diagnosticsMore.system.persistedYes')
            : t('diagnosticsMore.system.persistedNo')}
        </dd>
      </dl>
      {facts && !facts.persisted && storage !== undefined && (
        <div className="panel__actions">
          <BigButton variant="secondary" onClick={() => void persist()}>
            {t('diagnosticsMore.system.requestPersist')}
          </BigButton>
        </div>
      )}
      {refused && (
        <p className="panel__error" role="alert">
          {t('diagnosticsMore.system.persistRefused')}
        </p>
      )}
    </div>
  );
}
