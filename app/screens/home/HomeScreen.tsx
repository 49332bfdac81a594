import { useTranslation } from 'react-i18next';
import { services, type ServiceId } from '../services';
import { ServiceIcon } from '../../components/ServiceIcon';

export function HomeScreen({
  onOpen,
  onOperator,
}: {
  onOpen: (id: ServiceId) => void;
  onOperator: () => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="home" aria-labelledby="home-title">
      <h1 id="home-title" className="home__title">
        {t('app.subtitle')}
      </h1>
      <div className="tiles">
        {services.map((s) => (
          <button
            key={s.id}
            type="button"
            className="tile"
            style={{ backgroundColor: s.color }}
            onClick={() => onOpen(s.id)}
            data-service={s.id}
          >
            <ServiceIcon id={s.id} />
            <span className="tile__name">{t(`service.${s.id}.name`)}</span>
            <span className="tile__hint">{t(`service.${s.id}.hint`)}</span>
          </button>
        ))}
      </div>
      <button type="button" className="operator-entry" onClick={onOperator} data-service="operator">
        <ServiceIcon id="operator" size={36} />
        {t('operator.entry')}
      </button>
    </main>
  );
}
