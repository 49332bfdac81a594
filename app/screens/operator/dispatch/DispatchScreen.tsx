import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskTransport } from '../../../../kiosk-shell/api';
import { BigButton } from '../../../components/BigButton';
import { useOperator } from '../../../platform/operator-session';
import { carriers } from '../../../store/carriers';
import type { KioskDb } from '../../../store/db';
import {
  awaitingCollection,
  recordDispatch,
  returnsFor,
  type DispatchManifestRow,
} from '../../../store/dispatch';
import { formatShipmentNo } from '../../../store/shipments';
import { usePrint } from '../../send/print';
import '../../send/send.css';
import { manifestRequest } from './manifest-print';

type Done = { manifest: DispatchManifestRow; request: ReturnType<typeof manifestRequest> };

/**
 * 快递交接: the courier of one carrier is at the counter. The operator picks the carrier; the kiosk
 * lists that carrier's shipments waiting at the point and the overdue parcels it delivered (to be
 * returned), all ticked; the operator unticks what stays and confirms. The manifest is stored with
 * its mutation and the rows it moves in one transaction (store/dispatch.ts), then printed.
 */
export function DispatchScreen({
  db,
  api,
  onBack,
  now = () => new Date(),
}: {
  db: KioskDb;
  api: KioskTransport;
  onBack: () => void;
  now?: () => Date;
}) {
  const { t } = useTranslation();
  const operator = useOperator();
  const [carrier, setCarrier] = useState<string>();
  // What the operator unticked; everything else listed goes.
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<Done>();
  const { state: printState, print, reprint } = usePrint(api);

  const lists = useLiveQuery(
    async () =>
      carrier
        ? { shipments: await awaitingCollection(db, carrier), returns: await returnsFor(db, carrier, now()) }
        : undefined,
    // `now` is read when the list is read; the carrier or a new manifest changes it.
    [db, carrier, done],
  );
  const shipments = (lists?.shipments ?? []).filter((s) => !skipped.has(s.id));
  const returns = (lists?.returns ?? []).filter((o) => !skipped.has(o.parcel.id));
  const count = shipments.length + returns.length;

  const toggle = (id: string) => {
    setProblem(undefined);
    setSkipped((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  const confirm = async () => {
    if (!carrier || !operator) return;
    if (count === 0) return setProblem(t('dispatch.nothing'));
    setProblem(undefined);
    setSaving(true);
    const result = await recordDispatch(db, {
      carrier,
      shipmentIds: shipments.map((s) => s.id),
      returnedParcelIds: returns.map((o) => o.parcel.id),
      operatorId: operator.id,
    });
    setSaving(false);
    if (!result.ok) {
      const e = result.error;
      return setProblem(
        e.code === 'SHIPMENT_GONE' || e.code === 'PARCEL_GONE'
          ? t('dispatch.gone', { id: e.id })
          : t('dispatch.failed', { message: e.message }),
      );
    }
    const request = manifestRequest(
      result.manifest,
      result.shipments,
      returns,
      t('app.title'),
      operator.name,
    );
    setDone({ manifest: result.manifest, request });
    setSkipped(new Set());
    // Stored: now the paper may print (§4). The screen shows the outcome.
    void print(request);
  };

  if (done) {
    return (
      <section className="panel panel--wide dispatch" aria-labelledby="dispatch-title">
        <h1 id="dispatch-title">{t('dispatch.title')}</h1>
        <p role="status" data-manifest={done.manifest.id}>
          {t('dispatch.done', {
            shipments: done.manifest.shipmentIds.length,
            returned: done.manifest.returnedParcelIds.length,
          })}
        </p>
        <p className="send-note" data-print={printState.kind}>
          {printState.kind === 'printed'
            ? t('dispatch.printed')
            : printState.kind === 'failed'
              ? t('dispatch.printFailed', { message: printState.message })
              : t('dispatch.printing')}
        </p>
        {printState.kind === 'failed' && (
          <BigButton variant="secondary" onClick={() => void reprint(done.request)}>
            {t('dispatch.reprint')}
          </BigButton>
        )}
        <BigButton variant="secondary" onClick={() => setDone(undefined)}>
          {t('dispatch.another')}
        </BigButton>
        <BigButton onClick={onBack}>{t('dispatch.back')}</BigButton>
      </section>
    );
  }

  return (
    <section className="panel panel--wide dispatch" aria-labelledby="dispatch-title">
      <h1 id="dispatch-title">{t('dispatch.title')}</h1>
      <h2>{t('dispatch.carrier')}</h2>
      <div className="send-carriers" role="radiogroup" aria-label={t('dispatch.carrier')}>
        {carriers.map((c) => (
          <button
            key={c.name}
            type="button"
            role="radio"
            aria-checked={carrier === c.name}
            className={`choice choice--small ${carrier === c.name ? 'choice--on' : ''}`}
            onClick={() => {
              setCarrier(c.name);
              setSkipped(new Set());
              setProblem(undefined);
            }}
          >
            <span className="choice__name">{c.name}</span>
          </button>
        ))}
      </div>
      {carrier && lists && (
        <>
          <h2>{t('dispatch.shipments', { count: lists.shipments.length })}</h2>
          {lists.shipments.length === 0 && <p className="send-note">{t('dispatch.noneShipments')}</p>}
          {lists.shipments.map((s) => (
            <button
              key={s.id}
              type="button"
              role="checkbox"
              aria-checked={!skipped.has(s.id)}
              className="dispatch-item"
              data-shipment={s.id}
              onClick={() => toggle(s.id)}
            >
              {skipped.has(s.id) ? '☐' : '☑'}{' '}
              {t('dispatch.shipmentLine', {
                no: formatShipmentNo(s.no),
                name: s.recipient.name,
                place: `${s.recipient.province}${s.recipient.city}`,
                weight: `${(s.weightGrams / 1000).toFixed(2)} kg`,
              })}
            </button>
          ))}
          <h2>{t('dispatch.returns', { count: lists.returns.length })}</h2>
          {lists.returns.length === 0 && <p className="send-note">{t('dispatch.noneReturns')}</p>}
          {lists.returns.map((o) => (
            <button
              key={o.parcel.id}
              type="button"
              role="checkbox"
              aria-checked={!skipped.has(o.parcel.id)}
              className="dispatch-item"
              data-parcel={o.parcel.id}
              onClick={() => toggle(o.parcel.id)}
            >
              {skipped.has(o.parcel.id) ? '☐' : '☑'}{' '}
              {t('dispatch.returnLine', { waybill: o.parcel.waybill, days: o.daysOverdue })}
            </button>
          ))}
          {problem && (
            <p className="shop-error" role="alert">
              {problem}
            </p>
          )}
          <BigButton disabled={saving || count === 0} onClick={() => void confirm()}>
            {saving ? t('dispatch.saving') : t('dispatch.confirm', { count })}
          </BigButton>
        </>
      )}
      <BigButton variant="secondary" onClick={onBack}>
        {t('dispatch.back')}
      </BigButton>
    </section>
  );
}
