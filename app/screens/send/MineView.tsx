import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { Money } from '../../components/Money';
import type { KioskDb } from '../../store/db';
import { checkPhone } from '../../store/orders';
import { formatShipmentNo, shipmentsByPhone, type ShipmentView } from '../../store/shipments';
import { ShopTitle } from '../shop/SpeakButton';
import { PhoneEntry } from './PhoneEntry';

/** Where a shipment stands: the county's tracking status, else handed over, else waiting at the point. */
export function shipmentStatus(s: ShipmentView): string {
  return s.tracking?.status ?? (s.manifestId ? 'handed_over' : 'waiting');
}

/** 我的寄件: the villager's phone on the keypad, then their shipments with the county's tracking. */
export function MineView({ db }: { db: KioskDb }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [asked, setAsked] = useState<string>();
  const [problem, setProblem] = useState<string>();
  // Live: a tracking event pulled while the list is open shows at once.
  const list = useLiveQuery(() => (asked ? shipmentsByPhone(db, asked) : undefined), [db, asked]);
  const statusText = (status: string) => t(`send.status.${status}`, { defaultValue: status });

  const lookUp = () => {
    const p = checkPhone(phone);
    if (p) return setProblem(t(`send.problem.senderPhone.${p}`, { count: phone.length }));
    setProblem(undefined);
    setAsked(phone);
  };

  return (
    <div className="send-mine">
      <ShopTitle title={t('send.mine.title')} say={t('send.mine.say')} />
      <div className="send-mine__columns">
        <section className="send-mine__ask">
          <PhoneEntry label={t('send.step.senderPhone')} value={phone} onChange={setPhone} />
          {problem && (
            <p className="shop-error" role="alert">
              {problem}
            </p>
          )}
          <button type="button" className="big-button big-button--primary" onClick={lookUp}>
            {t('send.mine.lookUp')}
          </button>
        </section>
        <section className="send-mine__list" aria-live="polite">
          {list?.length === 0 && <p className="send-note">{t('send.mine.none')}</p>}
          {list?.map((s) => (
            <article
              key={s.id}
              className="send-shipment"
              data-shipment={s.id}
              data-status={shipmentStatus(s)}
            >
              <h2>
                {formatShipmentNo(s.no)} · {s.carrier}
                <span className="send-shipment__status">{statusText(shipmentStatus(s))}</span>
              </h2>
              <p>
                {t('send.mine.to', {
                  name: s.recipient.name,
                  place: `${s.recipient.city}${s.recipient.county}`,
                })}{' '}
                · <Money fen={s.feeFen} />
              </p>
              {s.tracking && s.tracking.events.length > 0 && (
                <ol className="send-shipment__events" aria-label={t('send.mine.events')}>
                  {[...s.tracking.events].reverse().map((e, i) => (
                    <li key={`${e.at}-${i}`}>
                      {statusText(e.status)}
                      {e.place ? ` · ${e.place}` : ''}
                      {e.note ? ` · ${e.note}` : ''}
                    </li>
                  ))}
                </ol>
              )}
            </article>
          ))}
        </section>
      </div>
    </div>
  );
}
