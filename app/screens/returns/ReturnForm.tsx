import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraCapture } from '../../components/CameraCapture';
import type { KioskDb } from '../../store/db';
import type { CapturedPhoto } from '../../store/photos';
import {
  RETURN_REASONS,
  requestReturn,
  type ReturnableLine,
  type ReturnKind,
  type ReturnProblem,
  type ReturnRequestRow,
} from '../../store/returns';
import { ChoiceGrid } from '../requests/ChoiceGrid';
import { usePickerLabels } from '../requests/labels';

/** Return or exchange, how many (− / +, at most what is left), a reason from the list, a photo. */
export function ReturnForm({
  db,
  phone,
  line,
  onDone,
}: {
  db: KioskDb;
  phone: string;
  line: ReturnableLine;
  onDone: (request: ReturnRequestRow) => void;
}) {
  const { t } = useTranslation();
  const labels = usePickerLabels();
  const [kind, setKind] = useState<ReturnKind>();
  const [qty, setQty] = useState(1);
  const [reason, setReason] = useState<string>();
  const [photo, setPhoto] = useState<CapturedPhoto>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const max = line.returnableQty;

  const problemText = (p: ReturnProblem) =>
    p.field === 'phone'
      ? t(`requests.phoneProblem.${p.problem}`, { count: phone.length })
      : p.field === 'line'
        ? t(`requests.returns.problem.${p.problem === 'unknown' ? 'unknown' : 'noneLeft'}`)
        : p.field === 'qty'
          ? t(`requests.returns.problem.${p.problem}`, { count: max })
          : t(`requests.returns.problem.${p.field}`);

  const change = (next: number) => {
    if (next < 1) return setProblem(t('requests.returns.problem.min'));
    if (next > max) return setProblem(t('requests.returns.problem.max', { count: max }));
    setProblem(undefined);
    setQty(next);
  };

  const submit = async () => {
    if (!kind) return setProblem(t('requests.returns.problem.kind'));
    if (!reason) return setProblem(t('requests.returns.problem.reason'));
    setSaving(true);
    const result = await requestReturn(db, {
      phone,
      orderId: line.order.id,
      itemId: line.line.itemId,
      qty,
      kind,
      reason,
      ...(photo && { photo }),
    });
    setSaving(false);
    if (result.ok) return onDone(result.value);
    if ('problem' in result) return setProblem(problemText(result.problem));
    setProblem(t('requests.failed', { message: result.error.message }));
  };

  return (
    <section className="req-form" aria-label={t('requests.returns.formTitle')}>
      <p className="req-done__line">{line.line.name}</p>
      <h3>{t('requests.returns.kind')}</h3>
      <ChoiceGrid
        label={t('requests.returns.kind')}
        columns={2}
        options={(['return', 'exchange'] as const).map((k) => ({
          value: k,
          name: t(`requests.returns.kinds.${k}`),
        }))}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setProblem(undefined);
        }}
      />
      <div className="req-stepper">
        <h3>{t('requests.returns.qty')}</h3>
        <button type="button" className="big-button big-button--secondary" onClick={() => change(qty - 1)}>
          − {t('requests.returns.fewer')}
        </button>
        <output aria-label={t('requests.returns.qty')}>{qty}</output>
        <button type="button" className="big-button big-button--secondary" onClick={() => change(qty + 1)}>
          + {t('requests.returns.more')}
        </button>
      </div>
      <h3>{t('requests.returns.reason')}</h3>
      <ChoiceGrid
        label={t('requests.returns.reason')}
        columns={3}
        options={RETURN_REASONS.map((r) => ({ value: r, name: r }))}
        value={reason as (typeof RETURN_REASONS)[number] | undefined}
        onChange={(r) => {
          setReason(r);
          setProblem(undefined);
        }}
      />
      <h3>{t('requests.returns.photo')}</h3>
      <CameraCapture photo={photo} onChange={setPhoto} labels={labels.camera} />
      {problem && (
        <p className="vscreen-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="big-button big-button--primary req-submit"
        disabled={saving}
        onClick={() => void submit()}
      >
        {t('requests.returns.submit')}
      </button>
    </section>
  );
}
