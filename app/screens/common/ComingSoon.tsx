import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';

/** Shown for a service whose capability is not built yet: clear, and one tap back home. */
export function ComingSoon({ serviceName, onHome }: { serviceName: string; onHome: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" role="dialog" aria-labelledby="coming-soon-title">
      <h1 id="coming-soon-title">{t('comingSoon.title')}</h1>
      <p className="panel__body">{t('comingSoon.body', { service: serviceName })}</p>
      <BigButton onClick={onHome}>{t('comingSoon.back')}</BigButton>
    </section>
  );
}
