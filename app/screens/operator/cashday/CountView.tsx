import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BigButton } from '../../../components/BigButton';
import { Money } from '../../../components/Money';
import { formatFen } from '../../../components/money';
import { countDenominations, DENOMINATIONS } from '../../../store/cash-day';

export interface CountResult {
  countedFen: number;
  denominations: Record<string, number>;
  reason?: string;
}

const REASONS = ['change', 'unrecorded', 'counterfeit', 'other'] as const;

/**
 * Counting the drawer note by note (−/+ per face value, no typing), the running total against what
 * the ledger expects, and — when they differ — a reason picked from the usual ones or written.
 */
export function CountView({
  expectedFen,
  busy,
  onConfirm,
  onCancel,
}: {
  expectedFen: number;
  busy: boolean;
  onConfirm: (result: CountResult) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [pieces, setPieces] = useState<Record<string, number>>({});
  const [reason, setReason] = useState<(typeof REASONS)[number]>();
  const [detail, setDetail] = useState('');
  const counted = countDenominations(pieces) ?? 0;
  const difference = counted - expectedFen;
  const reasonText = [reason && reason !== 'other' ? t(`cashDay.count.reasons.${reason}`) : '', detail.trim()]
    .filter(Boolean)
    .join('：');
  const needsReason = difference !== 0 && reasonText === '';

  const step = (face: number, by: number) =>
    setPieces((p) => ({ ...p, [face]: Math.max(0, (p[face] ?? 0) + by) }));
  const face = (fen: number) => formatFen(fen);

  return (
    <div className="cashday__count">
      <h2>{t('cashDay.count.title')}</h2>
      <p>{t('cashDay.count.byDenomination')}</p>
      <ul className="denominations">
        {DENOMINATIONS.map((fen) => (
          <li key={fen} className="denomination" data-face={fen}>
            <span className="denomination__face">{face(fen)}</span>
            <button
              type="button"
              className="op-step"
              aria-label={t('cashDay.count.less', { face: face(fen) })}
              onClick={() => step(fen, -1)}
            >
              −
            </button>
            <span className="denomination__pieces">
              {t('cashDay.count.pieces', { count: pieces[fen] ?? 0 })}
            </span>
            <button
              type="button"
              className="op-step"
              aria-label={t('cashDay.count.more', { face: face(fen) })}
              onClick={() => step(fen, 1)}
            >
              +
            </button>
          </li>
        ))}
      </ul>
      <dl className="facts">
        <dt>{t('cashDay.expected')}</dt>
        <dd>
          <Money fen={expectedFen} />
        </dd>
        <dt>{t('cashDay.count.total')}</dt>
        <dd data-fact="counted">
          <Money fen={counted} className="money--big" />
        </dd>
        <dt>{t('cashDay.count.difference')}</dt>
        <dd data-fact="difference">
          <Money fen={difference} />{' '}
          {difference === 0
            ? t('cashDay.count.even')
            : difference > 0
              ? t('cashDay.count.over')
              : t('cashDay.count.short')}
        </dd>
      </dl>
      {difference !== 0 && (
        <fieldset className="op-reasons">
          <legend>{t('cashDay.count.reason')}</legend>
          <div className="choice-row">
            {REASONS.map((r) => (
              <button
                key={r}
                type="button"
                role="radio"
                aria-checked={reason === r}
                className={`choice choice--small${reason === r ? ' choice--on' : ''}`}
                onClick={() => setReason(r)}
              >
                {t(`cashDay.count.reasons.${r}`)}
              </button>
            ))}
          </div>
          <input
            className="op-input"
            aria-label={t('cashDay.count.notePlaceholder')}
            placeholder={t('cashDay.count.notePlaceholder')}
            maxLength={80}
            value={detail}
            onChange={(e) => setDetail(e.target.value)}
          />
          {needsReason && <p className="op-note op-note--error">{t('cashDay.count.reasonRequired')}</p>}
        </fieldset>
      )}
      <div className="panel__actions">
        <BigButton variant="secondary" onClick={onCancel}>
          {t('cashDay.count.cancel')}
        </BigButton>
        <BigButton
          disabled={busy || needsReason}
          onClick={() =>
            onConfirm({
              countedFen: counted,
              denominations: Object.fromEntries(Object.entries(pieces).filter(([, n]) => n > 0)),
              ...(difference !== 0 && { reason: reasonText }),
            })
          }
        >
          {t('cashDay.count.confirm')}
        </BigButton>
      </div>
    </div>
  );
}
