import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskTransport } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { useScans, type Scan } from '../../platform/scans';
import { SettingsKeypad } from './SettingsKeypad';
import './SettingsForm.css';
import { usePolled } from '../../platform/status';

/**
 * 扫码测试: the last code any scanner delivered (through the same useScans every screen uses, so
 * what shows here is what a parcel or shop screen would get), what it was read as, and where from.
 * Under simulation the technician can type a code for the simulated serial scanner to "read".
 */
export function DiagnosticsScan({ api }: { api: KioskTransport }) {
  const { t, i18n } = useTranslation();
  const info = usePolled(() => api.invoke('system.info', {}), 60_000, [api]);
  const simulated = info?.ok === true && info.value.simulate;
  const serial = usePolled(() => api.invoke('scanner.status', {}), 5_000, [api]);
  const [last, setLast] = useState<{ scan: Scan; at: number }>();
  const [code, setCode] = useState('');
  const [failed, setFailed] = useState<string>();
  const [typing, setTyping] = useState(false);
  useScans((scan) => setLast({ scan, at: Date.now() }), { api });

  const simulate = async () => {
    setFailed(undefined);
    const r = await api.invoke('scanner.simulate', { code: code.trim() });
    if (r.ok) setCode('');
    else setFailed(t('diagnosticsMore.scan.simulateFailed', { reason: r.error.message }));
  };

  return (
    <div className="diagnostics__section">
      <h2 id="diagnostics-scan">{t('diagnosticsMore.scan.title')}</h2>
      <p>{t('diagnosticsMore.scan.hint')}</p>
      {serial && (
        <dl className="facts">
          <dt>{t('diagnosticsMore.scan.serial')}</dt>
          <dd
            data-fact="serial-scanner"
            className={serial.ok && serial.value.state !== 'open' ? 'fact--bad' : undefined}
          >
            {serial.ok
              ? t(`diagnosticsMore.scan.serialState.${serial.value.state}`, { port: serial.value.port })
              : serial.error.code === 'NOT_AVAILABLE'
                ? t('diagnosticsMore.scan.serialNone')
                : serial.error.message}
          </dd>
        </dl>
      )}
      {last ? (
        <dl className="facts" aria-label={t('diagnosticsMore.scan.last')}>
          <dt>{t('diagnosticsMore.scan.code')}</dt>
          <dd data-fact="scan-code">{last.scan.code}</dd>
          <dt>{t('diagnosticsMore.scan.kind')}</dt>
          <dd data-fact="scan-kind">{t(`diagnosticsMore.scan.kinds.${last.scan.kind}`)}</dd>
          <dt>{t('diagnosticsMore.scan.source')}</dt>
          <dd data-fact="scan-source">{t(`diagnosticsMore.scan.sources.${last.scan.source}`)}</dd>
          <dt>{t('diagnosticsMore.scan.time')}</dt>
          <dd>{new Date(last.at).toLocaleTimeString(i18n.language)}</dd>
        </dl>
      ) : (
        <p role="status">{t('diagnosticsMore.scan.waiting')}</p>
      )}
      {simulated && (
        <form
          className="diagnostics__simulate"
          onSubmit={(e) => {
            e.preventDefault();
            void simulate();
          }}
        >
          <label>
            {t('diagnosticsMore.scan.simulateLabel')}
            <input
              className="text-field"
              value={code}
              maxLength={512}
              onFocus={() => setTyping(true)}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <BigButton type="submit" variant="secondary" disabled={code.trim() === ''}>
            {t('diagnosticsMore.scan.simulate')}
          </BigButton>
        </form>
      )}
      {simulated && typing && (
        <SettingsKeypad
          field={t('diagnosticsMore.scan.simulateLabel')}
          onKey={(key) => setCode((c) => c + key)}
          onBackspace={() => setCode((c) => c.slice(0, -1))}
          onClear={() => setCode('')}
          onDone={() => setTyping(false)}
        />
      )}
      {failed && (
        <p className="panel__error" role="alert">
          {failed}
        </p>
      )}
    </div>
  );
}
