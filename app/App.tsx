import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { HomeScreen } from './screens/home/HomeScreen';
import { ComingSoon } from './screens/common/ComingSoon';
import { OperatorMenu, openWithoutSignIn, roleFor, type OperatorTask } from './screens/operator/OperatorMenu';
import { OperatorSessionProvider, RequireOperator } from './platform/operator-session';
import { EnrollScreen } from './screens/operator/EnrollScreen';
import { SyncHealthScreen } from './screens/operator/SyncHealthScreen';
import { DiagnosticsScreen } from './screens/operator/DiagnosticsScreen';
import { SettingsScreen } from './screens/operator/SettingsScreen';
import { ReceiptsScreen } from './screens/operator/ReceiptsScreen';
import { VillagersScreen } from './screens/operator/VillagersScreen';
import { TrainingScreen } from './screens/operator/TrainingScreen';
import { rememberPointName } from './store/receipts';
import { ShopScreen } from './screens/shop/ShopScreen';
import { NoticesScreen } from './screens/notices/NoticesScreen';
import { TraceScreen } from './screens/trace/TraceScreen';
import { MyOrdersScreen } from './screens/myorders/MyOrdersScreen';
import { BillsScreen } from './screens/bills/BillsScreen';
import { TicketsScreen } from './screens/tickets/TicketsScreen';
import { SellScreen } from './screens/sell/SellScreen';
import { ReturnsScreen } from './screens/returns/ReturnsScreen';
import { SendScreen } from './screens/send/SendScreen';
import { DispatchScreen } from './screens/operator/dispatch/DispatchScreen';
import { StockScreen } from './screens/operator/stock/StockScreen';
import { CashDayScreen } from './screens/operator/cashday/CashDayScreen';
import { ParcelsScreen } from './screens/operator/parcels/ParcelsScreen';
import { PickupScreen } from './screens/pickup/PickupScreen';
import { services, type ServiceId } from './screens/services';
import { StatusBar } from './components/StatusBar';
import { useCountyLink, useHardwareStatus, useLinkState, usePolled } from './platform/status';
import { useIdleTimeout } from './platform/idle';
import { ScannerProvider } from './platform/scans';
import { useOptionalSyncEngine } from './platform/sync';
import type { KioskPlatform } from './platform/kiosk';
import type { KioskDb } from './store/db';

export type Screen =
  | { kind: 'home' }
  | { kind: 'service'; id: ServiceId }
  | { kind: 'operator' }
  | { kind: 'operatorTask'; task: OperatorTask };

export interface AppProps {
  platform: KioskPlatform;
  db: KioskDb;
  idleTimeoutMs: number;
  /** Called when the idle timeout brings the kiosk home: the moment a waiting update may apply. */
  onIdleHome?: () => void;
}

function assertNever(x: never): never {
  throw new Error(`unhandled screen ${JSON.stringify(x)}`);
}

export function App({ platform, db, idleTimeoutMs, onIdleHome }: AppProps) {
  const { t, i18n } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const hardware = useHardwareStatus(platform);
  const shellLink = useLinkState(platform);
  const county = useCountyLink();
  // Printed on receipts and day reports: the village's point when the county has said which it is.
  const pointName =
    county.state === 'online' ? t('app.pointName', { village: county.villageName }) : t('app.title');
  // Receipts printed while offline still carry the point's name.
  const villageName = county.state === 'online' ? county.villageName : undefined;
  useEffect(() => {
    if (villageName) void rememberPointName(db, villageName);
  }, [db, villageName]);
  const pending = useLiveQuery(() => db.outbox.count(), [db]);
  const sync = useOptionalSyncEngine();

  const goHome = useCallback(() => setScreen({ kind: 'home' }), []);
  const idleHome = useCallback(() => {
    setScreen({ kind: 'home' });
    onIdleHome?.();
  }, [onIdleHome]);
  const { warning, secondsLeft } = useIdleTimeout({
    timeoutMs: idleTimeoutMs,
    enabled: screen.kind !== 'home',
    onIdle: idleHome,
  });

  const openService = (id: ServiceId) => setScreen({ kind: 'service', id });
  const openOperator = () => setScreen({ kind: 'operator' });
  // Re-read on every screen change: enrollment changes it while the kiosk runs.
  const info = usePolled(() => platform.api.invoke('system.info', {}), 60_000, [platform, screen.kind]);
  const enrolled = info?.ok ? info.value.enrolled : undefined;

  let body;
  switch (screen.kind) {
    case 'home':
      body = <HomeScreen onOpen={openService} onOperator={openOperator} />;
      break;
    case 'service': {
      const spec = services.find((s) => s.id === screen.id);
      if (!spec?.ready) body = <ComingSoon serviceName={t(`service.${screen.id}.name`)} onHome={goHome} />;
      else if (screen.id === 'shop') body = <ShopScreen db={db} api={platform.api} onHome={goHome} />;
      else if (screen.id === 'notices') body = <NoticesScreen db={db} onHome={goHome} />;
      else if (screen.id === 'trace') body = <TraceScreen db={db} onHome={goHome} />;
      else if (screen.id === 'orders') body = <MyOrdersScreen db={db} onHome={goHome} />;
      else if (screen.id === 'bills') body = <BillsScreen db={db} api={platform.api} onHome={goHome} />;
      else if (screen.id === 'tickets') body = <TicketsScreen db={db} onHome={goHome} />;
      else if (screen.id === 'sell') body = <SellScreen db={db} onHome={goHome} />;
      else if (screen.id === 'returns') body = <ReturnsScreen db={db} onHome={goHome} />;
      else if (screen.id === 'send') body = <SendScreen db={db} api={platform.api} onHome={goHome} />;
      else if (screen.id === 'pickup') body = <PickupScreen db={db} api={platform.api} onHome={goHome} />;
      else body = null;
      break;
    }
    case 'operator': {
      // Not enrolled: no accounts can exist yet, so the menu opens (offering enrollment alone).
      const menu = (
        <OperatorMenu
          enrolled={enrolled}
          onHome={goHome}
          onOpen={(task) => setScreen({ kind: 'operatorTask', task })}
        />
      );
      body = enrolled === false ? menu : <RequireOperator onCancel={goHome}>{menu}</RequireOperator>;
      break;
    }
    case 'operatorTask': {
      const task =
        screen.task === 'enroll' ? (
          <EnrollScreen api={platform.api} onDone={openOperator} onEnrolled={() => void sync?.syncNow()} />
        ) : screen.task === 'sync' ? (
          <SyncHealthScreen db={db} onBack={openOperator} />
        ) : screen.task === 'receipts' ? (
          <ReceiptsScreen api={platform.api} db={db} onBack={openOperator} />
        ) : screen.task === 'villagers' ? (
          <VillagersScreen db={db} onBack={openOperator} />
        ) : screen.task === 'training' ? (
          <TrainingScreen db={db} onBack={openOperator} />
        ) : screen.task === 'diagnostics' ? (
          <DiagnosticsScreen api={platform.api} db={db} onBack={openOperator} />
        ) : screen.task === 'settings' ? (
          <SettingsScreen api={platform.api} onBack={openOperator} />
        ) : screen.task === 'parcels' ? (
          <ParcelsScreen db={db} api={platform.api} onBack={openOperator} />
        ) : screen.task === 'dispatch' ? (
          <DispatchScreen db={db} api={platform.api} onBack={openOperator} />
        ) : screen.task === 'stock' ? (
          <StockScreen db={db} api={platform.api} pointName={pointName} onBack={openOperator} />
        ) : screen.task === 'cashday' ? (
          <CashDayScreen db={db} api={platform.api} pointName={pointName} onBack={openOperator} />
        ) : (
          assertNever(screen.task)
        );
      // Every operator task sits behind the sign-in gate, with the role the task needs.
      body = openWithoutSignIn(screen.task, enrolled) ? (
        task
      ) : (
        <RequireOperator role={roleFor(screen.task)} onCancel={goHome}>
          {task}
        </RequireOperator>
      );
      break;
    }
    default:
      assertNever(screen);
  }

  return (
    <OperatorSessionProvider db={db} idleMs={idleTimeoutMs}>
      <div className="kiosk" lang={i18n.language}>
        <StatusBar
          county={county}
          pending={pending}
          printer={hardware.printer}
          locker={hardware.locker}
          shellLink={shellLink}
          onToggleLanguage={() => void i18n.changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
        />
        <ScannerProvider api={platform.api}>{body}</ScannerProvider>
        {warning && (
          <div className="idle-warning" role="alert">
            {t('idle.returning')}{' '}
            <strong data-seconds={secondsLeft}>{t('idle.countdown', { count: secondsLeft })}</strong>
            <span className="idle-warning__hint">{t('idle.touchToStay')}</span>
          </div>
        )}
      </div>
    </OperatorSessionProvider>
  );
}
