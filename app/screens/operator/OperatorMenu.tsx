import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { hasRole, useOperatorSession, type OperatorRole } from '../../platform/operator-session';

export type OperatorTask =
  | 'sync'
  | 'enroll'
  | 'receipts'
  | 'villagers'
  | 'training'
  | 'stock'
  | 'cashday'
  | 'diagnostics'
  | 'dispatch'
  | 'parcels'
  | 'settings';

/** In menu order. Technician tasks change how the terminal itself is set up. */
const TASKS: readonly { task: OperatorTask; role: OperatorRole }[] = [
  { task: 'sync', role: 'operator' },
  { task: 'receipts', role: 'operator' },
  { task: 'parcels', role: 'operator' },
  { task: 'dispatch', role: 'operator' },
  { task: 'stock', role: 'operator' },
  { task: 'cashday', role: 'operator' },
  { task: 'villagers', role: 'operator' },
  { task: 'training', role: 'operator' },
  { task: 'diagnostics', role: 'operator' },
  { task: 'settings', role: 'technician' },
  { task: 'enroll', role: 'technician' },
];

export const roleFor = (task: OperatorTask): OperatorRole =>
  TASKS.find((t) => t.task === task)?.role ?? 'technician';

/**
 * Bootstrap: a terminal that is not enrolled has no accounts yet (they come from its village), so
 * enrollment — and only enrollment — is open without sign-in while `enrolled` is false.
 */
export const openWithoutSignIn = (task: OperatorTask, enrolled: boolean | undefined): boolean =>
  task === 'enroll' && enrolled === false;

/**
 * The operator's console. Rendered behind the sign-in gate (App.tsx), except on a terminal that is not
 * enrolled, where it offers enrollment alone. Leaving it for the home screen signs the operator out.
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
  const { operator, signOut } = useOperatorSession();
  const tasks = operator
    ? TASKS.filter((x) => hasRole(operator, x.role)).map((x) => x.task)
    : TASKS.filter((x) => openWithoutSignIn(x.task, enrolled)).map((x) => x.task);
  const leave = () => {
    void signOut('manual');
    onHome();
  };
  return (
    <section className="panel panel--wide" aria-labelledby="operator-title">
      <h1 id="operator-title">{t('operatorMenu.title')}</h1>
      {operator && (
        <p className="panel__body">
          {t('signIn.signedInAs', { name: operator.name, role: t(`signIn.role.${operator.role}`) })}
        </p>
      )}
      <div className="operator-tasks">
        {tasks.map((task) => (
          <BigButton key={task} variant="secondary" onClick={() => onOpen(task)}>
            {t(`operatorMenu.${task}`)}
          </BigButton>
        ))}
      </div>
      <div className="panel__actions">
        {operator && (
          <BigButton variant="secondary" onClick={leave}>
            {t('signIn.signOut')}
          </BigButton>
        )}
        <BigButton onClick={leave}>{t('nav.home')}</BigButton>
      </div>
    </section>
  );
}
