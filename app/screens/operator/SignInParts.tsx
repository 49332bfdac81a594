import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';

/** An operator opened a technician task (settings, enrollment): said plainly, nothing else offered. */
export function NeedsTechnician({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="needs-tech-title">
      <h1 id="needs-tech-title">{t('signIn.needsTechnicianTitle')}</h1>
      <p className="panel__body">{t('signIn.needsTechnician')}</p>
      <BigButton onClick={onBack}>{t('nav.back')}</BigButton>
    </section>
  );
}

/** Six dots for the six PIN digits: how many are typed, never which. */
export function PinDots({ length, label }: { length: number; label: string }) {
  return (
    <output className="code-display signin-dots" aria-label={label} data-filled={length}>
      {'●'.repeat(length)}
      {'○'.repeat(Math.max(0, 6 - length))}
    </output>
  );
}
