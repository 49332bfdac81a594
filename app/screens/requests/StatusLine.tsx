import { useTranslation } from 'react-i18next';
import type { RequestKind, RequestStatusRow } from '../../store/villager-requests';
import type { SyncState } from './sync-state';

/** The county's latest answer, or — until there is one — where the request is on its way there. */
export function statusText(
  t: (key: string, opts?: Record<string, unknown>) => string,
  kind: RequestKind,
  status: RequestStatusRow | undefined,
  sync: SyncState | undefined,
): string {
  if (status) {
    const key = `requests.status.${kind}.${status.status}`;
    const text = t(key);
    return text === key ? t('requests.status.unknown', { status: status.status }) : text;
  }
  if (sync === 'refused') return t('requests.sync.refused');
  if (sync === 'queued') return t('requests.sync.queued');
  return t(`requests.status.${kind}.waiting`);
}

/** good / bad / waiting, for the row's colour. */
export function statusTone(status: RequestStatusRow | undefined, sync: SyncState | undefined) {
  if (sync === 'refused') return 'bad';
  if (!status) return 'waiting';
  if (['failed', 'refused', 'closed'].includes(status.status)) return 'bad';
  if (['completed', 'confirmed', 'sold', 'offered', 'accepted'].includes(status.status)) return 'good';
  return 'waiting';
}

export function StatusLine({
  kind,
  status,
  sync,
}: {
  kind: RequestKind;
  status: RequestStatusRow | undefined;
  sync: SyncState | undefined;
}) {
  const { t } = useTranslation();
  return (
    <span className="req-status" data-status={status?.status ?? sync ?? 'waiting'}>
      {statusText(t, kind, status, sync)}
      {status?.note && <span className="req-status__note">（{status.note}）</span>}
    </span>
  );
}
