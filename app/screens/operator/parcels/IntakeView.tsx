/**
 * 入库 — the operator's intake: waybill (scanned or typed; the county manifest pre-fills carrier,
 * phone and name), carrier, phone, size → the kiosk opens a free compartment and waits for the door
 * to close before it stores anything; too big → a shelf with rack and layer. The slip prints only
 * after the parcel is saved (store/parcels intake.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Compartment, KioskTransport, PrintJob, Result } from '../../../../kiosk-shell/api';
import { BigButton } from '../../../components/BigButton';
import { NumberPad } from '../../../components/NumberPad';
import { useScans } from '../../../platform/scans';
import type { KioskDb } from '../../../store/db';
import {
  faultySet,
  freeBySize,
  heldCompartments,
  intakeToLocker,
  intakeToShelf,
  parcelSettings,
  printPickupSlip,
  type CompartmentSize,
  type IntakeError,
  type IntakeProgress,
  type ParcelRow,
} from '../../../store/parcels';
import { readSyncState } from '../../../store/sync-state';

export const INTAKE_CARRIERS = [
  '中通快递',
  '圆通速递',
  '韵达快递',
  '申通快递',
  '极兔速递',
  '顺丰速运',
  '中国邮政',
  '京东快递',
];

type Phase =
  | { kind: 'form'; error?: IntakeError; size?: CompartmentSize }
  | { kind: 'working'; progress?: IntakeProgress }
  | { kind: 'stored'; parcel: ParcelRow; code: string; print?: Result<PrintJob> | 'printing' };

export function IntakeView({
  db,
  api,
  operatorId,
}: {
  db: KioskDb;
  api: KioskTransport;
  operatorId: string | undefined;
}) {
  const { t } = useTranslation();
  const [waybill, setWaybill] = useState('');
  const [carrier, setCarrier] = useState('');
  const [phone, setPhone] = useState('');
  const [recipientName, setRecipientName] = useState('');
  const [fromManifest, setFromManifest] = useState(false);
  const [shelf, setShelf] = useState(false);
  const [rack, setRack] = useState(1);
  const [layer, setLayer] = useState(1);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [bank, setBank] = useState<Compartment[]>([]);
  const cancel = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => cancel.current?.abort(), []);
  useEffect(() => {
    if (phase.kind !== 'form') return;
    let live = true;
    void api.invoke('locker.compartments', {}).then((r) => {
      if (live && r.ok) setBank(r.value.compartments);
    });
    return () => {
      live = false;
    };
  }, [api, phase.kind]);
  const counts = useLiveQuery(
    async () => freeBySize(bank, await heldCompartments(db), await faultySet(db)),
    [db, bank],
  );

  // The county's manifest knows most parcels before they arrive: fill in what it knows.
  const lookUp = async (w: string) => {
    const entry = await db.parcelManifests.where('waybill').equals(w).first();
    if (!entry) return setFromManifest(false);
    setCarrier(entry.carrier);
    if (entry.phone) setPhone(entry.phone);
    setRecipientName(entry.recipientName ?? '');
    setFromManifest(true);
  };

  useScans(
    (scan) => {
      if (scan.candidates.includes('waybill')) {
        setWaybill(scan.code);
        void lookUp(scan.code);
      }
    },
    { enabled: phase.kind === 'form', api },
  );

  const stored = async (parcel: ParcelRow, code: string) => {
    setPhase({ kind: 'stored', parcel, code, print: 'printing' });
    const [{ overdueDays }, sync] = await Promise.all([parcelSettings(db), readSyncState(db)]);
    const print = await printPickupSlip(api, parcel, code, {
      pointName: t('parcels.pointName'),
      keepDays: overdueDays,
      ...(sync.device ? { villageId: sync.device.villageId } : {}),
    });
    // The operator may have moved on to the next parcel while the slip printed.
    setPhase((now) => (now.kind === 'stored' && now.parcel.id === parcel.id ? { ...now, print } : now));
  };

  const common = () => ({
    waybill: waybill.trim(),
    carrier,
    phone,
    ...(recipientName ? { recipientName } : {}),
    ...(operatorId ? { operatorId } : {}),
  });

  const submit = async (size: CompartmentSize) => {
    const controller = new AbortController();
    cancel.current = controller;
    setPhase({ kind: 'working' });
    const r = await intakeToLocker(
      db,
      api,
      { ...common(), size },
      {
        signal: controller.signal,
        onProgress: (progress) => setPhase({ kind: 'working', progress }),
        pointName: t('parcels.pointName'),
      },
    );
    if (r.ok) return stored(r.parcel, r.code);
    setPhase({ kind: 'form', error: r.error, size });
  };

  const submitShelf = async () => {
    setPhase({ kind: 'working' });
    const r = await intakeToShelf(db, { ...common(), rack, layer }, { pointName: t('parcels.pointName') });
    if (r.ok) return stored(r.parcel, r.code);
    setPhase({ kind: 'form', error: r.error });
  };

  const reset = () => {
    setWaybill('');
    setCarrier('');
    setPhone('');
    setRecipientName('');
    setFromManifest(false);
    setShelf(false);
    setPhase({ kind: 'form' });
  };

  if (phase.kind === 'working') {
    const p = phase.progress;
    return (
      <div className="parcels-op__working">
        <p className="pickup__big" role="status">
          {p?.step === 'close-door'
            ? t('parcels.operator.closeDoor', { id: p.compartmentId })
            : t('parcels.operator.opening', { id: p?.compartmentId ?? '' })}
        </p>
        {p?.step === 'close-door' && (
          <BigButton variant="secondary" onClick={() => cancel.current?.abort()}>
            {t('parcels.operator.cancel')}
          </BigButton>
        )}
      </div>
    );
  }

  if (phase.kind === 'stored') {
    const loc = phase.parcel.location;
    const print = phase.print;
    return (
      <div className="parcels-op__stored" data-parcel-id={phase.parcel.id}>
        <p className="pickup__message">
          {loc.kind === 'shelf'
            ? t('parcels.operator.storedShelf', { code: loc.code })
            : `${loc.compartmentId} · ${t('parcels.operator.stored')}`}
        </p>
        <p className="pickup__code" data-pickup-code={phase.code}>
          {phase.code}
        </p>
        {print === 'printing' && <p className="pickup__message">{t('parcels.operator.printing')}</p>}
        {print && print !== 'printing' && print.ok && (
          <p className="pickup__message" role="status">
            {t('parcels.operator.printed')}
          </p>
        )}
        {print && print !== 'printing' && !print.ok && (
          <>
            <p className="pickup__message pickup__message--bad" role="alert">
              {t('parcels.operator.printFailed', { reason: t(`kioskError.${print.error.code}`) })}
            </p>
            {print.error.jobId && (
              <BigButton
                variant="secondary"
                onClick={() => {
                  const jobId = print.error.jobId!;
                  void api
                    .invoke('printer.reprint', { jobId })
                    .then((again) => setPhase({ ...phase, print: again }));
                }}
              >
                {t('parcels.operator.reprint')}
              </BigButton>
            )}
          </>
        )}
        <BigButton onClick={reset}>{t('parcels.operator.another')}</BigButton>
      </div>
    );
  }

  const error = phase.error;
  const errorText = error
    ? t(`parcels.operator.errors.${error.code}`, {
        field: error.field ? t(`parcels.operator.fields.${error.field}`, { defaultValue: error.field }) : '',
        id: error.compartmentId ?? '',
        size: phase.size ? t(`parcels.size.${phase.size}`) : '',
        reason: error.hardware ? t(`kioskError.${error.hardware}`) : error.message,
      })
    : undefined;
  const ready = waybill.trim().length >= 4 && carrier !== '' && phone.length === 11;

  return (
    <div className="parcels-op__form">
      <label>
        {t('parcels.operator.waybill')}
        <input
          type="text"
          value={waybill}
          placeholder={t('parcels.operator.waybillHint')}
          onChange={(e) => setWaybill(e.target.value.toUpperCase())}
          onBlur={() => void lookUp(waybill.trim())}
        />
      </label>
      {fromManifest && <p className="pickup__hint">{t('parcels.operator.fromManifest')}</p>}
      <div className="parcels-op__choices" role="group" aria-label={t('parcels.operator.carrier')}>
        {INTAKE_CARRIERS.map((c) => (
          <BigButton key={c} variant="secondary" aria-pressed={carrier === c} onClick={() => setCarrier(c)}>
            {c}
          </BigButton>
        ))}
        {carrier && !INTAKE_CARRIERS.includes(carrier) && (
          <BigButton variant="secondary" aria-pressed>
            {carrier}
          </BigButton>
        )}
      </div>
      <label>
        {t('parcels.operator.phone')}
        <output aria-label={t('parcels.operator.phone')} className="pickup__code">
          {phone || '—'}
        </output>
      </label>
      {recipientName && (
        <p className="pickup__hint">
          {t('parcels.operator.recipient')}：{recipientName}
        </p>
      )}
      <NumberPad
        value={phone}
        onChange={setPhone}
        maxLength={11}
        labels={{ backspace: t('parcels.pickup.backspace'), clear: '×' }}
      />
      {errorText && (
        <p className="pickup__message pickup__message--bad" role="alert">
          {errorText}
        </p>
      )}
      <h2>{t('parcels.operator.sizeTitle')}</h2>
      <div className="parcels-op__choices">
        {(['S', 'M', 'L'] as const).map((size) => (
          <BigButton key={size} disabled={!ready} onClick={() => void submit(size)}>
            {t('parcels.operator.freeCount', { size: t(`parcels.size.${size}`), count: counts?.[size] ?? 0 })}
          </BigButton>
        ))}
        <BigButton variant="secondary" aria-pressed={shelf} onClick={() => setShelf(!shelf)}>
          {t('parcels.operator.shelf')}
        </BigButton>
      </div>
      {shelf && (
        <div className="parcels-op__row">
          <Stepper label={t('parcels.operator.rack')} value={rack} onChange={setRack} />
          <Stepper label={t('parcels.operator.layer')} value={layer} onChange={setLayer} />
          <BigButton disabled={!ready} onClick={() => void submitShelf()}>
            {t('parcels.operator.storeShelf')}
          </BigButton>
        </div>
      )}
    </div>
  );
}

function Stepper({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
}) {
  return (
    <div className="parcels-op__row" role="group" aria-label={label}>
      <span>{label}</span>
      <BigButton
        variant="secondary"
        aria-label={`${label} -`}
        onClick={() => onChange(Math.max(1, value - 1))}
      >
        −
      </BigButton>
      <output className="pickup__code">{value}</output>
      <BigButton
        variant="secondary"
        aria-label={`${label} +`}
        onClick={() => onChange(Math.min(99, value + 1))}
      >
        +
      </BigButton>
    </div>
  );
}
