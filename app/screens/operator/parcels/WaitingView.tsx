/**
 * 待取件 and the lost-code fallback (忘记取件码): the operator types the last four digits of the
 * villager's phone, checks the ID card, ticks 已核对身份证 and releases. The release is audited with
 * the operator id before anything opens (store/parcels pickup.ts `releaseByOperator`).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { BigButton } from '../../../components/BigButton';
import { formatFen } from '../../../components/money';
import { NumberPad } from '../../../components/NumberPad';
import type { KioskDb } from '../../../store/db';
import {
  handOverShelfParcel,
  parcelsByPhoneTail,
  releaseByOperator,
  verifiedShelfParcels,
  waitingParcels,
  type ParcelRow,
} from '../../../store/parcels';

export const placeOf = (p: ParcelRow): string =>
  p.location.kind === 'locker' ? p.location.compartmentId : p.location.code;

export function WaitingView({
  db,
  api,
  operatorId,
}: {
  db: KioskDb;
  api: KioskTransport;
  operatorId: string | undefined;
}) {
  const { t } = useTranslation();
  const [tail, setTail] = useState('');
  const [idChecked, setIdChecked] = useState(false);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | undefined>();
  const [busy, setBusy] = useState(false);
  const all = useLiveQuery(() => waitingParcels(db), [db]);
  const found = useLiveQuery(() => parcelsByPhoneTail(db, tail), [db, tail]);
  const shelfReady = useLiveQuery(() => verifiedShelfParcels(db), [db]);

  const release = async (p: ParcelRow) => {
    if (!operatorId) return setMessage({ text: t('parcels.operator.signInNeeded'), bad: true });
    setBusy(true);
    const r = await releaseByOperator(db, api, p.id, { operatorId, phoneLast4: tail, idChecked });
    setBusy(false);
    if (r.ok) return setMessage({ text: `${t('parcels.operator.releaseDone')} · ${p.waybill}`, bad: false });
    const reason = r.reason === 'door-fault' ? t(`kioskError.${r.code}`) : '';
    const fee = r.reason === 'fee-due' ? formatFen(r.feeDueFen) : '';
    setMessage({ text: t(`parcels.operator.releaseErrors.${r.reason}`, { reason, fee }), bad: true });
  };

  const handOver = async (p: ParcelRow) => {
    if (!operatorId) return setMessage({ text: t('parcels.operator.signInNeeded'), bad: true });
    await handOverShelfParcel(db, p.id, operatorId, 'code');
    setMessage({ text: `${t('parcels.operator.releaseDone')} · ${p.waybill}`, bad: false });
  };

  return (
    <div className="parcels-op__waiting">
      {shelfReady && shelfReady.length > 0 && (
        <>
          <h2>{t('parcels.operator.shelfVerifiedTitle')}</h2>
          <ul className="parcels-op__list">
            {shelfReady.map((p) => (
              <li key={p.id} data-parcel-id={p.id}>
                <span>
                  {p.carrier} {p.waybill}
                </span>
                <BigButton onClick={() => void handOver(p)}>
                  {t('parcels.operator.handOver', { code: placeOf(p) })}
                </BigButton>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('parcels.operator.waitingTitle', { count: all?.length ?? 0 })}</h2>
      <label>
        {t('parcels.operator.searchTail')}
        <output className="pickup__code" aria-label={t('parcels.operator.searchTail')}>
          {tail.padEnd(4, '·')}
        </output>
      </label>
      <NumberPad
        value={tail}
        onChange={setTail}
        maxLength={4}
        labels={{ backspace: t('parcels.pickup.backspace'), clear: '×' }}
      />
      <label className="parcels-op__row">
        <input type="checkbox" checked={idChecked} onChange={(e) => setIdChecked(e.target.checked)} />
        {t('parcels.operator.idChecked')}
      </label>
      {message && (
        <p
          className={`pickup__message ${message.bad ? 'pickup__message--bad' : ''}`}
          role={message.bad ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <ul className="parcels-op__list">
        {(tail.length === 4 ? (found ?? []) : []).map((p) => (
          <li key={p.id} data-parcel-id={p.id}>
            <span>
              {p.carrier} {p.waybill}
            </span>
            <span>
              {t('parcels.operator.place')} {placeOf(p)}
            </span>
            <BigButton disabled={busy || !idChecked} onClick={() => void release(p)}>
              {t('parcels.operator.release')}
            </BigButton>
          </li>
        ))}
      </ul>
    </div>
  );
}
