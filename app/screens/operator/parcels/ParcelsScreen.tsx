/**
 * 快递代收 — the operator's parcel desk: intake, waiting parcels and the lost-code release, overdue
 * parcels and their storage fee, and the locker alerts. Sits behind the operator sign-in; the signed-in
 * operator's id is what the audit lines carry.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { BigButton } from '../../../components/BigButton';
import { useOperator } from '../../../platform/operator-session';
import type { KioskDb } from '../../../store/db';
import { reconcileParcels } from '../../../store/parcels';
import '../../pickup/pickup.css';
import { AlertsView } from './AlertsView';
import { IntakeView } from './IntakeView';
import { OverdueView } from './OverdueView';
import { WaitingView } from './WaitingView';

const TABS = ['intake', 'waiting', 'overdue', 'alerts'] as const;
type Tab = (typeof TABS)[number];

export function ParcelsScreen({
  db,
  api,
  onBack,
  operatorId,
  now,
}: {
  db: KioskDb;
  api: KioskTransport;
  onBack: () => void;
  /** Defaults to the signed-in operator. */
  operatorId?: string;
  now?: () => Date;
}) {
  const { t } = useTranslation();
  const signedIn = useOperator();
  const who = operatorId ?? signedIn?.id;
  const [tab, setTab] = useState<Tab>('intake');

  useEffect(() => {
    // A door left mid-open (power cut, a villager who walked away) is settled when the desk opens.
    void reconcileParcels(db, api).catch(() => undefined);
  }, [db, api]);

  return (
    <section className="panel panel--wide parcels-op" aria-labelledby="parcels-op-title">
      <h1 id="parcels-op-title">{t('parcels.operator.title')}</h1>
      <div className="parcels-op__tabs" role="group">
        {TABS.map((id) => (
          <BigButton key={id} variant="secondary" aria-pressed={tab === id} onClick={() => setTab(id)}>
            {t(`parcels.operator.tabs.${id}`)}
          </BigButton>
        ))}
      </div>
      {tab === 'intake' && <IntakeView db={db} api={api} operatorId={who} />}
      {tab === 'waiting' && <WaitingView db={db} api={api} operatorId={who} />}
      {tab === 'overdue' && <OverdueView db={db} api={api} operatorId={who} {...(now ? { now } : {})} />}
      {tab === 'alerts' && <AlertsView db={db} operatorId={who} />}
      <BigButton variant="quiet" onClick={onBack}>
        {t('parcels.operator.back')}
      </BigButton>
    </section>
  );
}
