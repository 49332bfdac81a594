import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';

export type OperatorTask = 'sync' | 'enroll' | 'signin' | 'stock' | 'cashday' | 'diagnostics';

/**
 * The operator's entry. Sign-in with a PIN arrives with the operator console issue; until then
 * enrollment is offered only while the terminal is not enrolled, so a villager cannot re-enroll it.
 */
export function OperatorMenu({
  enrolled,
  onOpen,
  onHome,
}: {
  enrolled: boolean | undefined;
  onOpen: (task: OperatorTask) => void;
  onHome: () => void;
}) {
  const { t } = useTranslation();
  const tasks: OperatorTask[] = [
    'sync',
    ...(enrolled === false ? (['enroll'] as const) : []),
    'stock',
    'cashday',
    'diagnostics',
  ];
  return (
    <section className="panel panel--wide" aria-labelledby="operator-title">
      <h1 id="operator-title">{t('operatorMenu.title')}</h1>
      <div className="operator-tasks">
        {tasks.map((task) => (
          <BigButton key={task} variant="secondary" onClick={() => onOpen(task)}>
            {t(`operatorMenu.${task}`)}
          </BigButton>
        ))}
      </div>
      <BigButton onClick={onHome}>{t('nav.home')}</BigButton>
    </section>
  );
}
