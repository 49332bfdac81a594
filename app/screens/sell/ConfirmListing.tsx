import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { formatFen } from '../../components/money';
import { useOperatorSession } from '../../platform/operator-session';
import type { KioskDb } from '../../store/db';
import { confirmListing, listingTotalFen, type ProduceListingRow } from '../../store/produce';

/**
 * The operator, signed in (RequireOperator around this), confirms a listing after looking at the
 * produce. Their id goes into `produce.confirmed` and the audit log; then they are signed out again,
 * because the screen goes back to the villager.
 */
export function ConfirmListing({
  db,
  listing,
  onDone,
}: {
  db: KioskDb;
  listing: ProduceListingRow;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { operator, signOut } = useOperatorSession();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!operator) return null;

  const confirm = async () => {
    setBusy(true);
    const result = await confirmListing(db, listing.id, operator.id);
    setBusy(false);
    if (!result.ok && result.error.code !== 'CONFLICT')
      return setProblem(t('requests.failed', { message: result.error.message }));
    if (!result.ok) return setProblem(t('requests.sell.problem.confirmConflict'));
    await signOut('manual');
    onDone();
  };

  return (
    <section className="req-done" aria-label={t('requests.sell.operatorConfirm')}>
      <h2>{t('requests.sell.operatorConfirm')}</h2>
      <p className="req-done__line">
        {t('requests.sell.line', {
          kind: listing.kind,
          quantity: listing.quantity,
          unit: listing.unit,
          price: formatFen(listing.askingPriceFen),
        })}
      </p>
      <p className="req-total">
        {t('requests.sell.total')} <Money fen={listingTotalFen(listing)} className="req-total__money" />
      </p>
      {problem && (
        <p className="vscreen-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="big-button big-button--primary req-submit"
        disabled={busy}
        onClick={() => void confirm()}
      >
        {t('requests.sell.operatorConfirm')} · {operator.name}
      </button>
    </section>
  );
}
