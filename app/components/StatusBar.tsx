import { useTranslation } from 'react-i18next';
import type { LockerStatus, PrinterStatus, Result } from '../../kiosk-shell/api';
import type { CountyLink } from '../platform/status';
import type { LinkState } from '../platform/bridge-client';

export interface StatusBarProps {
  county: CountyLink;
  pending: number | undefined;
  printer: Result<PrinterStatus> | undefined;
  locker: Result<LockerStatus> | undefined;
  shellLink: LinkState;
  onToggleLanguage: () => void;
}

type Tone = 'good' | 'warn' | 'bad';

function Item({ label, value, tone, name }: { label: string; value: string; tone: Tone; name: string }) {
  return (
    <span className={`status-item status-item--${tone}`} data-status={name}>
      <span className="status-item__dot" aria-hidden="true" />
      <span className="status-item__label">{label}</span>
      <span className="status-item__value">{value}</span>
    </span>
  );
}

export function StatusBar({ county, pending, printer, locker, shellLink, onToggleLanguage }: StatusBarProps) {
  const { t } = useTranslation();
  const sim = (simulated: boolean) => (simulated ? ` (${t('status.simulated')})` : '');

  const countyValue = t(`status.${county.state}`);
  const countyTone: Tone = county.state === 'online' ? 'good' : county.state === 'checking' ? 'warn' : 'bad';

  let printerValue = '…';
  let printerTone: Tone = 'warn';
  if (shellLink === 'closed') [printerValue, printerTone] = [t('status.shellDown'), 'bad'];
  else if (printer?.ok) {
    printerValue = t(`status.printerState.${printer.value.state}`) + sim(printer.value.simulated);
    printerTone =
      printer.value.state === 'ready'
        ? 'good'
        : // A write-only printer (file or some serial ones) cannot report: not an error, just unknown.
          printer.value.state === 'paper_low' || printer.value.state === 'unknown'
          ? 'warn'
          : 'bad';
  } else if (printer) [printerValue, printerTone] = [t('status.printerState.unavailable'), 'bad'];

  let lockerValue = '…';
  let lockerTone: Tone = 'warn';
  if (shellLink === 'closed') [lockerValue, lockerTone] = [t('status.shellDown'), 'bad'];
  else if (locker?.ok) {
    const v = locker.value;
    lockerValue =
      t(`status.lockerState.${v.state}`, { free: v.free, total: v.compartments }) + sim(v.simulated);
    lockerTone = v.state === 'ready' ? 'good' : v.state === 'degraded' ? 'warn' : 'bad';
  } else if (locker) [lockerValue, lockerTone] = [t('status.lockerState.unavailable'), 'bad'];

  return (
    <header className="status-bar" role="status" aria-live="polite">
      <span className="status-bar__title">
        {county.state === 'online' ? t('app.pointName', { village: county.villageName }) : t('app.title')}
      </span>
      <Item name="county" label={t('status.county')} value={countyValue} tone={countyTone} />
      <Item
        name="pending"
        label=""
        value={t('status.pending', { count: pending ?? 0 })}
        tone={(pending ?? 0) > 0 ? 'warn' : 'good'}
      />
      <Item name="printer" label={t('status.printer')} value={printerValue} tone={printerTone} />
      <Item name="locker" label={t('status.locker')} value={lockerValue} tone={lockerTone} />
      <button type="button" className="status-bar__lang" onClick={onToggleLanguage}>
        {t('language.switchTo')}
      </button>
    </header>
  );
}
