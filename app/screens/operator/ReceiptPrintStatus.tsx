import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { printEffectId } from '../../platform/print';
import type { KioskDb } from '../../store/db';

/**
 * One line under a confirmation saying what became of its printed receipt, read from the print's
 * side-effect row (platform/print.ts), so it is right after a re-render or a reload too. A terminal
 * without a printer says nothing: the receipt on screen is all there is.
 */
export function ReceiptPrintStatus({ db, refId }: { db: KioskDb; refId: string }) {
  const { t } = useTranslation();
  const effect = useLiveQuery(() => db.sideEffects.get(printEffectId(refId)), [db, refId]);
  const detail = (effect?.detail ?? {}) as { outcome?: string; error?: string };
  if (!effect || detail.error === 'NOT_AVAILABLE') return null;
  const state =
    effect.status === 'pending'
      ? 'printing'
      : detail.outcome === 'printed'
        ? 'printed'
        : detail.outcome === 'queued'
          ? 'queued'
          : 'failed';
  return (
    <p
      className={`receipt-print receipt-print--${state}`}
      data-print={state}
      role={state === 'printed' || state === 'printing' ? 'status' : 'alert'}
    >
      {t(`receipts.print.${state}`)}
    </p>
  );
}
