import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskTransport } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';

const SHOWN_LINES = 100;

/** One pino JSON line as a person reads it: time, level, module, message; anything else as it came. */
export function readableLogLine(line: string, levelName: (level: number) => string, locale: string): string {
  try {
    const entry = JSON.parse(line) as { time?: number; level?: number; module?: string; msg?: string };
    const time = typeof entry.time === 'number' ? new Date(entry.time).toLocaleTimeString(locale) : '';
    const level = typeof entry.level === 'number' ? levelName(entry.level) : '';
    return [time, level, entry.module ? `[${entry.module}]` : '', entry.msg ?? line]
      .filter(Boolean)
      .join(' ');
  } catch {
    return line;
  }
}

/**
 * The shell's recent log on screen, and an export to a file under the data folder that the technician
 * copies to a USB stick for the county (the page itself cannot write files in the locked-down kiosk).
 */
export function DiagnosticsLogs({ api }: { api: KioskTransport }) {
  const { t, i18n } = useTranslation();
  const [lines, setLines] = useState<{ lines: string[]; total: number }>();
  const [exporting, setExporting] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string }>();

  const show = async () => {
    const r = await api.invoke('logs.recent', { limit: SHOWN_LINES });
    if (r.ok) setLines(r.value);
    else setNote({ ok: false, text: t('diagnosticsMore.logs.failed', { reason: r.error.message }) });
  };

  const exportLog = async () => {
    setExporting(true);
    const r = await api.invoke('logs.export', {});
    setExporting(false);
    setNote(
      r.ok
        ? { ok: true, text: t('diagnosticsMore.logs.exported', { lines: r.value.lines, file: r.value.file }) }
        : { ok: false, text: t('diagnosticsMore.logs.failed', { reason: r.error.message }) },
    );
  };

  const levelName = (level: number) =>
    t(`diagnosticsMore.logs.level.${level}`, { defaultValue: String(level) });
  return (
    <div className="diagnostics__section">
      <h2 id="diagnostics-logs">{t('diagnosticsMore.logs.title')}</h2>
      <div className="panel__actions">
        <BigButton
          variant="secondary"
          onClick={() => (lines ? setLines(undefined) : void show())}
          aria-expanded={lines !== undefined}
        >
          {lines ? t('diagnosticsMore.logs.hide') : t('diagnosticsMore.logs.show')}
        </BigButton>
        <BigButton variant="secondary" disabled={exporting} onClick={() => void exportLog()}>
          {exporting ? t('diagnosticsMore.logs.exporting') : t('diagnosticsMore.logs.export')}
        </BigButton>
      </div>
      {note && (
        <p className={note.ok ? undefined : 'panel__error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
      {lines && (
        <>
          <p>{t('diagnosticsMore.logs.kept', { total: lines.total })}</p>
          <pre className="receipt-text log-text" aria-labelledby="diagnostics-logs">
            {lines.lines.length === 0
              ? t('diagnosticsMore.logs.empty')
              : lines.lines.map((l) => readableLogLine(l, levelName, i18n.language)).join('\n')}
          </pre>
        </>
      )}
    </div>
  );
}
