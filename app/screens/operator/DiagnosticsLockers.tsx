import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Compartment, KioskError, KioskTransport } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { usePolled } from '../../platform/status';
import { useOperator } from '../../platform/operator-session';
import { recordAudit } from '../../store/audit';
import type { KioskDb } from '../../store/db';
import { DiagnosticsError } from './DiagnosticsError';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string; error: KioskError };

/**
 * The locker bank as the boards report it, one cell per compartment, each with 开门. The grid is
 * always what `locker.compartments` reads from the boards (re-read after every open), never what
 * the screen assumes an open did. An open is one call: the driver never repeats it by itself, and
 * the button is held while it runs so a second tap cannot queue another.
 */
export function DiagnosticsLockers({ api, db }: { api: KioskTransport; db?: KioskDb }) {
  const { t } = useTranslation();
  const operator = useOperator();
  const [refresh, setRefresh] = useState(0);
  const [opening, setOpening] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();

  const bank = usePolled(
    async () => {
      const [status, list] = await Promise.all([
        api.invoke('locker.status', {}),
        api.invoke('locker.compartments', {}),
      ]);
      return { status, list };
    },
    2_000,
    [api, refresh],
  );

  const open = async (c: Compartment) => {
    setOpening(c.id);
    const r = await api.invoke('locker.open', { compartmentId: c.id });
    // Every door open is audited (issue 6): who, why, result. A test open has no parcel behind it.
    if (db) {
      await recordAudit(db, {
        kind: 'door.open',
        ...(operator ? { operatorId: operator.id } : {}),
        detail: {
          compartmentId: c.id,
          reason: 'diagnostics',
          method: 'operator',
          result: r.ok ? 'opened' : r.error.code,
        },
      }).catch(() => undefined); // a full disk must not hide the door's answer from the technician
    }
    setOpening(undefined);
    if (r.ok) {
      const key = r.value.alreadyOpen ? 'diagnostics.lockers.alreadyOpen' : 'diagnostics.lockers.opened';
      setOutcome({ kind: 'ok', text: t(key, { id: c.id }) });
    } else {
      const reason = t(`kioskError.${r.error.code}`);
      setOutcome({
        kind: 'error',
        error: r.error,
        text: t('diagnostics.lockers.openFailed', { id: c.id, reason }),
      });
    }
    setRefresh((n) => n + 1);
  };

  const list = bank?.list;
  const status = bank?.status;
  return (
    <div className="diagnostics__section">
      <h2 id="diagnostics-lockers">{t('diagnostics.lockers.title')}</h2>
      {bank === undefined && <p>{t('diagnostics.loading')}</p>}
      {list && !list.ok && (
        <DiagnosticsError
          error={list.error}
          text={t('diagnostics.unavailable', { reason: t(`kioskError.${list.error.code}`) })}
        />
      )}
      {status?.ok && (
        <p data-fact="locker-summary">
          {t('diagnostics.lockers.summary', {
            total: status.value.compartments,
            free: status.value.free,
            outOfService: status.value.outOfService,
          })}
        </p>
      )}
      {outcome?.kind === 'ok' && <p role="status">{outcome.text}</p>}
      {outcome?.kind === 'error' && <DiagnosticsError error={outcome.error} text={outcome.text} />}
      {list?.ok && (
        <ul className="compartments">
          {list.value.compartments.map((c) => (
            <li
              key={c.id}
              className={`compartment compartment--${c.door}${c.outOfService ? ' compartment--out' : ''}`}
              data-compartment={c.id}
              data-door={c.door}
            >
              <span className="compartment__id">{c.id}</span>
              <span>{t(`diagnostics.lockers.size.${c.size}`)}</span>
              <span className="compartment__door">{t(`diagnostics.lockers.door.${c.door}`)}</span>
              {c.occupied !== null && (
                <span>{c.occupied ? t('diagnostics.lockers.occupied') : t('diagnostics.lockers.empty')}</span>
              )}
              {c.outOfService && (
                <span className="compartment__out">{t('diagnostics.lockers.outOfService')}</span>
              )}
              <BigButton
                variant="secondary"
                aria-label={t('diagnostics.lockers.openLabel', { id: c.id })}
                disabled={opening !== undefined}
                onClick={() => void open(c)}
              >
                {opening === c.id ? t('diagnostics.lockers.opening') : t('diagnostics.lockers.open')}
              </BigButton>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
