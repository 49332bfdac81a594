/** 柜机提醒 — what the kiosk told the operator (door faults, keypad locks) and compartments it took out of service. */
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { BigButton } from '../../../components/BigButton';
import type { KioskDb } from '../../../store/db';
import {
  clearFaulty,
  clearLockout,
  dismissAlert,
  faultyCompartments,
  keypadLockedUntil,
  operatorAlerts,
} from '../../../store/parcels';

export function AlertsView({ db, operatorId }: { db: KioskDb; operatorId: string | undefined }) {
  const { t } = useTranslation();
  const alerts = useLiveQuery(() => operatorAlerts(db), [db]);
  const faulty = useLiveQuery(() => faultyCompartments(db), [db]);
  const locked = useLiveQuery(() => keypadLockedUntil(db, new Date()), [db]);

  return (
    <div className="parcels-op__alerts">
      <h2>{t('parcels.operator.alertsTitle')}</h2>
      {alerts?.length === 0 && <p className="pickup__hint">{t('parcels.operator.none')}</p>}
      <ul className="parcels-op__list">
        {alerts
          ?.slice()
          .reverse()
          .map((a) => (
            <li key={a.id} data-alert={a.kind}>
              <span>{new Date(a.at).toLocaleString()}</span>
              <span>{t(`parcels.operator.alert.${a.kind}`, { id: a.compartmentId ?? '' })}</span>
              <BigButton variant="secondary" onClick={() => void dismissAlert(db, a.id)}>
                {t('parcels.operator.dismiss')}
              </BigButton>
            </li>
          ))}
      </ul>
      {locked !== undefined && operatorId && (
        <BigButton onClick={() => void clearLockout(db, operatorId)}>
          {t('parcels.operator.unlockKeypad')}
        </BigButton>
      )}
      <h2>{t('parcels.operator.faultyTitle')}</h2>
      {faulty?.length === 0 && <p className="pickup__hint">{t('parcels.operator.none')}</p>}
      <div className="parcels-op__choices">
        {faulty?.map((f) => (
          <BigButton
            key={f.compartmentId}
            variant="secondary"
            onClick={() => void clearFaulty(db, f.compartmentId)}
          >
            {t('parcels.operator.restore', { id: f.compartmentId })} · {t(`kioskError.${f.code}`)}
          </BigButton>
        ))}
      </div>
    </div>
  );
}
