import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError, KioskTransport, PrintJob } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { usePolled } from '../../platform/status';
import { DiagnosticsError } from './DiagnosticsError';
import { DiagnosticsLockers } from './DiagnosticsLockers';
import type { KioskDb } from '../../store/db';
import { DiagnosticsLogs } from './DiagnosticsLogs';
import { DiagnosticsScan } from './DiagnosticsScan';
import { DiagnosticsSystem } from './DiagnosticsSystem';

type Note = { kind: 'ok'; text: string } | { kind: 'error'; text: string; error: KioskError };

/**
 * The technician's and operator's view of the devices, all through KioskApi (so it shows what the
 * drivers see, real or emulated): printer state and a test page, the print queue with 重印, the
 * locker bank with 开门 per compartment, and under simulation the emulated printer's last receipt.
 */
export function DiagnosticsScreen({
  api,
  onBack,
  db,
}: {
  api: KioskTransport;
  onBack: () => void;
  /** Where door opens are audited; without it (a test of the display alone) nothing is recorded. */
  db?: KioskDb;
}) {
  const { t, i18n } = useTranslation();
  const [refresh, setRefresh] = useState(0);
  const [printing, setPrinting] = useState(false);
  const [note, setNote] = useState<Note>();
  const reason = (e: KioskError) => t(`kioskError.${e.code}`);

  const printer = usePolled(
    async () => {
      const [status, jobs, receipt] = await Promise.all([
        api.invoke('printer.status', {}),
        api.invoke('printer.jobs', {}),
        api.invoke('printer.lastReceiptText', {}),
      ]);
      return { status, jobs, receipt };
    },
    5_000,
    [api, refresh],
  );

  const printTestPage = async () => {
    setPrinting(true);
    const r = await api.invoke('printer.print', { kind: 'test-page' });
    setPrinting(false);
    setNote(
      r.ok
        ? { kind: 'ok', text: t('diagnostics.printer.printed') }
        : {
            kind: 'error',
            error: r.error,
            text: `${t('diagnostics.printer.failed', { reason: reason(r.error) })}${
              r.error.jobId ? `，${t('diagnostics.printer.failedHint')}` : ''
            }`,
          },
    );
    setRefresh((n) => n + 1);
  };

  const reprint = async (job: PrintJob) => {
    const r = await api.invoke('printer.reprint', { jobId: job.id });
    setNote(
      r.ok
        ? { kind: 'ok', text: t('diagnostics.queue.reprinted', { title: job.title }) }
        : {
            kind: 'error',
            error: r.error,
            text: t('diagnostics.printer.failed', { reason: reason(r.error) }),
          },
    );
    setRefresh((n) => n + 1);
  };

  const status = printer?.status;
  const jobs = printer?.jobs?.ok ? printer.jobs.value.jobs.slice(0, 8) : [];
  const receipt = printer?.receipt?.ok ? printer.receipt.value : undefined;
  const time = (ms: number) => new Date(ms).toLocaleString(i18n.language);

  return (
    <section className="panel panel--wide diagnostics" aria-labelledby="diagnostics-title">
      <h1 id="diagnostics-title">{t('diagnostics.title')}</h1>
      {status?.ok && status.value.simulated && (
        <p className="diagnostics__note">{t('diagnostics.simulatedNote')}</p>
      )}

      <div className="diagnostics__section">
        <h2 id="diagnostics-printer">{t('diagnostics.printer.title')}</h2>
        {status === undefined && <p>{t('diagnostics.loading')}</p>}
        {status && !status.ok && (
          <DiagnosticsError
            error={status.error}
            text={t('diagnostics.unavailable', { reason: reason(status.error) })}
          />
        )}
        {status?.ok && (
          <dl className="facts">
            <dt>{t('diagnostics.printer.state')}</dt>
            <dd
              data-fact="printer-state"
              className={status.value.state === 'ready' ? undefined : 'fact--bad'}
            >
              {t(`status.printerState.${status.value.state}`)}
            </dd>
            <dt>{t('diagnostics.printer.model')}</dt>
            <dd>{status.value.model}</dd>
            <dt>{t('diagnostics.printer.paper')}</dt>
            <dd>{t('diagnostics.printer.paperWidth', { mm: status.value.paperWidthMm })}</dd>
          </dl>
        )}
        <div className="panel__actions">
          <BigButton disabled={printing || !status?.ok} onClick={() => void printTestPage()}>
            {printing ? t('diagnostics.printer.printing') : t('diagnostics.printer.testPage')}
          </BigButton>
          <BigButton variant="secondary" onClick={() => setRefresh((n) => n + 1)}>
            {t('diagnostics.refresh')}
          </BigButton>
        </div>
        {note?.kind === 'ok' && <p role="status">{note.text}</p>}
        {note?.kind === 'error' && <DiagnosticsError error={note.error} text={note.text} />}
      </div>

      {status?.ok && (
        <div className="diagnostics__section">
          <h2 id="diagnostics-queue">{t('diagnostics.queue.title')}</h2>
          {jobs.length === 0 && <p>{t('diagnostics.queue.empty')}</p>}
          <ul className="print-jobs">
            {jobs.map((job) => (
              <li key={job.id} className={`print-job print-job--${job.status}`} data-job={job.id}>
                <span className="print-job__title">{job.title}</span>
                <span className="print-job__status">{t(`diagnostics.queue.status.${job.status}`)}</span>
                <span className="print-job__time">{time(job.createdAt)}</span>
                {job.attempts > 1 && <span>{t('diagnostics.queue.attempts', { count: job.attempts })}</span>}
                {job.lastError && (
                  <span className="print-job__error">{t(`kioskError.${job.lastError.code}`)}</span>
                )}
                <BigButton
                  variant="secondary"
                  aria-label={t('diagnostics.queue.reprintLabel', { title: job.title })}
                  disabled={job.status === 'printing'}
                  onClick={() => void reprint(job)}
                >
                  {t('diagnostics.queue.reprint')}
                </BigButton>
              </li>
            ))}
          </ul>
        </div>
      )}

      {receipt && (
        <div className="diagnostics__section">
          <h2 id="diagnostics-receipt">{t('diagnostics.receipt.title')}</h2>
          <pre className="receipt-text" aria-labelledby="diagnostics-receipt">
            {receipt.text ?? t('diagnostics.receipt.none')}
          </pre>
        </div>
      )}

      <DiagnosticsLockers api={api} {...(db ? { db } : {})} />
      <DiagnosticsScan api={api} />
      <DiagnosticsSystem api={api} />
      <DiagnosticsLogs api={api} />

      <div className="panel__actions">
        <BigButton variant="secondary" onClick={onBack}>
          {t('nav.back')}
        </BigButton>
      </div>
    </section>
  );
}
