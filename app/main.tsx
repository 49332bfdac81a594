import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createI18n, type Locale } from './i18n';
import { detectPlatform } from './platform/kiosk';
import { registerServiceWorker } from './platform/sw-register';
import { lockDownPage } from './platform/lockdown';
import { SyncProvider, createPageSyncEngine } from './platform/sync';
import { KioskDb, requestPersistence } from './store/db';
import { keepReconciling } from './store/parcels/reconcile';
import './styles.css';

const DEFAULTS = { locale: 'zh-CN' as Locale, idleTimeoutSeconds: 90 };

async function boot(): Promise<void> {
  lockDownPage(window);
  const platform = detectPlatform();
  const db = new KioskDb();
  const sync = createPageSyncEngine(db);
  sync.start();
  void requestPersistence();
  const sw = registerServiceWorker();

  // The home screen must come up even when the shell is down (e.g. a reload while it restarts):
  // wait briefly for the settings, then fall back to the defaults.
  const info = await Promise.race([
    platform.api.invoke('system.info', {}),
    new Promise<undefined>((resolve) => setTimeout(resolve, 1200)),
  ]);
  const settings = info?.ok ? info.value : DEFAULTS;
  // Door opens that a power cut interrupted are settled by querying the doors, never by opening
  // again; a door found open or a silent board is asked again every 5 s until it can be settled.
  keepReconciling(db, platform.api);

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={createI18n(settings.locale)}>
        <SyncProvider engine={sync}>
          <App
            platform={platform}
            db={db}
            idleTimeoutMs={settings.idleTimeoutSeconds * 1000}
            onIdleHome={() => sw.applyUpdateIfWaiting()}
          />
        </SyncProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
