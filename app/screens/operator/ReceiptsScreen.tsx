/**
 * 小票记录: every receipt the terminal sent to its printer, newest first, from the shell's persistent
 * print queue (KioskApi printer.jobs). A job the printer failed stays here with its reason until it is
 * printed: 重试. A printed one can be printed again: 重印 (the paper says 重印). Each reprint is an
 * operator action, so it is audited under the signed-in operator.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError, KioskTransport, PrintJob, PrinterStatus } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { useOperator } from '../../platform/operator-session';
import { usePolled } from '../../platform/status';
import { recordAudit } from '../../store/audit';
import type { KioskDb } from '../../store/db';

const REFRESH_MS = 5_000;

type Printer = { ok: true; status: PrinterStatus } | { ok: false; error: KioskError } | undefined;
type Notice = { kind: 'ok' | 'bad'; text: string } | null;

export function ReceiptsScreen({
  api,
  db,
  onBack,
}: {
  api: KioskTransport;
  db: KioskDb;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const operator = useOperator();
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const reason = (e: { code: string; message: string }) =>
    t(`kioskError.${e.code}`, { defaultValue: e.message });

  const loaded = usePolled(
    async () => {
      const [status, queue] = await Promise.all([
        api.invoke('printer.status', {}),
        api.invoke('printer.jobs', {}),
      ]);
      return { status, queue };
    },
    REFRESH_MS,
    [api, tick],
  );
  const printer: Printer =
    loaded &&
    (loaded.status.ok
      ? { ok: true, status: loaded.status.value }
      : { ok: false, error: loaded.status.error });
  // Test pages belong to diagnostics; this is the villagers' receipts, newest first.
  const jobs = loaded?.queue.ok
    ? loaded.queue.value.jobs.filter((j) => j.kind !== 'test-page').sort((a, b) => b.createdAt - a.createdAt)
    : loaded && [];
  const refresh = () => setTick((n) => n + 1);

  const reprint = async (job: PrintJob) => {
    setBusy(job.id);
    setNotice(null);
    const retry = job.status !== 'printed';
    const result = await api.invoke('printer.reprint', { jobId: job.id });
    await recordAudit(db, {
      kind: retry ? 'receipt.retry' : 'receipt.reprint',
      ...(operator && { operatorId: operator.id }),
      detail: { jobId: job.id, title: job.title, result: result.ok ? 'printed' : result.error.code },
    });
    setNotice(
      result.ok
        ? { kind: 'ok', text: t('receipts.reprinted', { title: job.title }) }
        : {
            kind: 'bad',
            text: t('receipts.reprintFailed', { title: job.title, reason: reason(result.error) }),
          },
    );
    setBusy(null);
    refresh();
  };

  const time = (ms: number) => new Date(ms).toLocaleString(i18n.language, { hour12: false });
  const printerLine =
    printer === undefined
      ? t('receipts.checking')
      : printer.ok
        ? t('receipts.printerState', { state: t(`status.printerState.${printer.status.state}`) })
        : printer.error.code === 'NOT_AVAILABLE'
          ? t('receipts.noPrinter')
          : t('receipts.printerProblem', { reason: reason(printer.error) });

  return (
    <section className="panel panel--wide receipts" aria-labelledby="receipts-title">
      <h1 id="receipts-title">{t('receipts.title')}</h1>
      <p className="panel__body" data-printer={printer?.ok ? printer.status.state : 'none'}>
        {printerLine}
      </p>
      {notice && (
        <p
          className={notice.kind === 'ok' ? 'panel__body' : 'panel__error'}
          role={notice.kind === 'ok' ? 'status' : 'alert'}
        >
          {notice.text}
        </p>
      )}
      {jobs?.length === 0 && <p className="panel__body">{t('receipts.empty')}</p>}
      <ul className="receipts__list">
        {jobs?.map((job) => {
          const retry = job.status !== 'printed';
          return (
            <li
              key={job.id}
              className={`receipts__job receipts__job--${job.status}`}
              data-job={job.id}
              data-status={job.status}
            >
              <div className="receipts__what">
                <strong>{job.title}</strong>
                <span>{time(job.createdAt)}</span>
              </div>
              <div className="receipts__state">
                {t(`receipts.status.${job.status}`)}
                {job.attempts > 1 && ` · ${t('receipts.copies', { n: job.attempts })}`}
                {job.status === 'failed' && job.lastError && (
                  <span className="receipts__reason"> · {reason(job.lastError)}</span>
                )}
              </div>
              <BigButton
                variant={retry ? 'primary' : 'secondary'}
                disabled={busy !== null || job.status === 'printing'}
                aria-label={`${retry ? t('receipts.retry') : t('receipts.reprint')} ${job.title}`}
                onClick={() => void reprint(job)}
              >
                {busy === job.id
                  ? t('receipts.printing')
                  : retry
                    ? t('receipts.retry')
                    : t('receipts.reprint')}
              </BigButton>
            </li>
          );
        })}
      </ul>
      <BigButton onClick={onBack}>{t('nav.back')}</BigButton>
    </section>
  );
}
