import { useTranslation } from 'react-i18next';
import type { TraceRecordRow } from '../../store/trace';

export type Lookup =
  { kind: 'empty' } | { kind: 'found'; record: TraceRecordRow } | { kind: 'notFound'; code: string };

/** The answer beside the keypad: the record's facts, a clear 未找到, or what to do first. */
export function TraceResult({ lookup, onAgain }: { lookup: Lookup | undefined; onAgain: () => void }) {
  const { t } = useTranslation();
  if (!lookup) return <section className="trace__result trace__result--idle" aria-hidden="true" />;
  if (lookup.kind === 'empty')
    return (
      <section className="trace__result">
        <p className="vscreen-error" role="alert">
          {t('trace.empty')}
        </p>
      </section>
    );
  if (lookup.kind === 'notFound')
    return (
      <section className="trace__result trace__result--missing" aria-labelledby="trace-result-title">
        <h2 id="trace-result-title" className="trace__missing" data-code={lookup.code}>
          {t('trace.notFound')}
        </h2>
        <p className="vscreen-note" role="alert">
          {t('trace.notFoundBody', { code: lookup.code })}
        </p>
        <button type="button" className="big-button big-button--secondary" onClick={onAgain}>
          {t('trace.again')}
        </button>
      </section>
    );
  const r = lookup.record;
  return (
    <section className="trace__result" aria-labelledby="trace-result-title" data-code={r.code}>
      <h2 id="trace-result-title">{r.product}</h2>
      <dl className="facts trace__facts">
        <dt>{t('trace.codeLabel')}</dt>
        <dd>{r.code}</dd>
        <dt>{t('trace.origin')}</dt>
        <dd>{r.origin}</dd>
        <dt>{t('trace.producer')}</dt>
        <dd>{r.producer}</dd>
        <dt>{t('trace.batch')}</dt>
        <dd>{r.batch}</dd>
        <dt>{t('trace.inspection')}</dt>
        <dd className={r.inspection ? '' : 'trace__none'}>{r.inspection ?? t('trace.noInspection')}</dd>
      </dl>
      <button type="button" className="big-button big-button--secondary" onClick={onAgain}>
        {t('trace.again')}
      </button>
    </section>
  );
}
