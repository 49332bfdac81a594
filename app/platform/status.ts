/**
 * What the status bar shows, gathered from where each fact lives: printer and locker state from the
 * hardware side through KioskApi, the county link from the kiosk origin's /county proxy, and the
 * pending count from the local outbox.
 */
import { useEffect, useState } from 'react';
import type { LockerStatus, PrinterStatus, Result } from '../../kiosk-shell/api';
import type { KioskPlatform } from './kiosk';
import type { LinkState } from './bridge-client';

export function usePolled<T>(
  load: () => Promise<T>,
  intervalMs: number,
  deps: unknown[] = [],
): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let alive = true;
    const tick = () =>
      void load().then((v) => {
        if (alive) setValue(v);
      });
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

export interface HardwareStatus {
  printer?: Result<PrinterStatus>;
  locker?: Result<LockerStatus>;
}

export function useHardwareStatus(platform: KioskPlatform, intervalMs = 5000): HardwareStatus {
  const link = useLinkState(platform);
  const status = usePolled(
    async () => {
      const [printer, locker] = await Promise.all([
        platform.api.invoke('printer.status', {}),
        platform.api.invoke('locker.status', {}),
      ]);
      return { printer, locker };
    },
    intervalMs,
    [platform, link],
  );
  return status ?? {};
}

export function useLinkState(platform: KioskPlatform): LinkState {
  const [state, setState] = useState<LinkState>(platform.link.state());
  useEffect(() => platform.link.subscribe(setState), [platform]);
  return state;
}

export type CountyLink =
  | { state: 'checking' }
  | { state: 'online'; villageName: string; countyName: string }
  | { state: 'offline' }
  | { state: 'notEnrolled' };

/** Asks the county who we are, through the origin's proxy (which adds the device token). */
export async function checkCountyLink(fetchImpl: typeof fetch = fetch): Promise<CountyLink> {
  try {
    const res = await fetchImpl('/county/api/v1/device/me', { cache: 'no-store' });
    if (res.status === 401 || res.status === 503) {
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
      if (res.status === 401 || body.error?.code === 'NOT_ENROLLED') return { state: 'notEnrolled' };
      return { state: 'offline' };
    }
    if (!res.ok) return { state: 'offline' };
    const me = (await res.json()) as { village: { name: string }; county: { name: string } };
    return { state: 'online', villageName: me.village.name, countyName: me.county.name };
  } catch {
    return { state: 'offline' };
  }
}

export function useCountyLink(intervalMs = 15_000): CountyLink {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    window.addEventListener('online', bump);
    window.addEventListener('offline', bump);
    return () => {
      window.removeEventListener('online', bump);
      window.removeEventListener('offline', bump);
    };
  }, []);
  return usePolled(() => checkCountyLink(), intervalMs, [tick]) ?? { state: 'checking' };
}
