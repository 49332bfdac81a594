/**
 * The sync engine in the page: HTTP through the kiosk origin's `/county` proxy (which adds the device
 * token on the Node side), the origin's Web Locks so one window syncs, the window's online/offline
 * events, and navigator.storage for the quota. Screens reach it through `SyncProvider` and the hooks:
 * `useSyncStatus()` for the operator's health panel, `useSync()` for 立即同步 and the USB export.
 */
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { COUNTY_PROXY_PREFIX } from '../../kiosk-shell/api';
import { SyncEngine, type LockManagerLike, type SyncLogger, type SyncStatus } from '../../sync/engine';
import { createFetchTransport } from '../../sync/transport';
import { APP_VERSION_HEADER, PENDING_HEADER, type ExportFile } from '../../sync/protocol';
import { APP_VERSION } from '../version';
import type { KioskDb } from '../store/db';

export function createPageSyncEngine(
  db: KioskDb,
  opts: { win?: Window; logger?: SyncLogger } = {},
): SyncEngine {
  const win = opts.win ?? window;
  const nav = win.navigator;
  // Missing in old Chromium and in jsdom, whatever lib.dom says.
  const webLocks: LockManager | undefined = nav.locks;
  return new SyncEngine({
    db,
    transport: createFetchTransport({
      baseUrl: COUNTY_PROXY_PREFIX,
      fetch: win.fetch.bind(win),
      // The county's terminal list shows each point's backlog and version (issue 8).
      reportHeaders: async () => ({
        [PENDING_HEADER]: String(await db.outbox.count()),
        [APP_VERSION_HEADER]: APP_VERSION,
      }),
    }),
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => win.setTimeout(fn, ms),
      clearTimeout: (handle) => win.clearTimeout(handle as number),
    },
    random: Math.random,
    locks: webLocks ?? new WindowLocks(),
    events: {
      subscribe(fn) {
        const online = () => fn(true);
        const offline = () => fn(false);
        win.addEventListener('online', online);
        win.addEventListener('offline', offline);
        return () => {
          win.removeEventListener('online', online);
          win.removeEventListener('offline', offline);
        };
      },
      isOnline: () => nav.onLine,
    },
    ...(nav.storage?.estimate && { storage: () => nav.storage.estimate() }),
    ...(opts.logger && { logger: opts.logger }),
  });
}

/** Without Web Locks (very old Chromium, jsdom), one window's engine at least never overlaps itself. */
class WindowLocks implements LockManagerLike {
  private held = false;
  async request<T>(
    _name: string,
    _options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T> {
    if (this.held) return callback(null);
    this.held = true;
    try {
      return await callback({});
    } finally {
      this.held = false;
    }
  }
}

const SyncContext = createContext<SyncEngine | null>(null);

/** Makes the engine available to screens. The caller creates and starts it once, at boot. */
export function SyncProvider({ engine, children }: { engine: SyncEngine; children?: ReactNode }) {
  return createElement(SyncContext.Provider, { value: engine }, children);
}

export function useSyncEngine(): SyncEngine {
  const engine = useContext(SyncContext);
  if (!engine) throw new Error('useSyncEngine outside <SyncProvider>');
  return engine;
}

/** The engine when there is one (the app always has one; isolated screen tests may not). */
export function useOptionalSyncEngine(): SyncEngine | null {
  return useContext(SyncContext);
}

/** Re-renders on every status change: state, pending and rejected counts, last success and error. */
export function useSyncStatus(): SyncStatus {
  const engine = useSyncEngine();
  const subscribe = useCallback((onChange: () => void) => engine.subscribe(onChange), [engine]);
  return useSyncExternalStore(subscribe, () => engine.status());
}

export function useSync() {
  const engine = useSyncEngine();
  return {
    status: useSyncStatus(),
    syncNow: useCallback(() => engine.syncNow(), [engine]),
    exportUnsynced: useCallback(() => engine.exportUnsynced(), [engine]),
  };
}

/** What the operator saves on the USB stick: `vpk-unsynced-<device>-<time>.json`. */
export function exportFileName(file: ExportFile): string {
  return `vpk-unsynced-${file.deviceId}-${file.exportedAt.replace(/[:.]/g, '-')}.json`;
}

export function exportFileBlob(file: ExportFile): Blob {
  return new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' });
}
