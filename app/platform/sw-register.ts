/**
 * Service worker registration. A new version installs in the background and waits; it takes over
 * only when the kiosk is back on the home screen after an idle timeout (`applyUpdateIfWaiting`),
 * never in the middle of someone's order.
 */
import { Workbox } from 'workbox-window';

export interface ServiceWorkerControl {
  updateWaiting(): boolean;
  /** Returns true when an update was applied (the page is about to reload). */
  applyUpdateIfWaiting(): boolean;
}

export function registerServiceWorker(url = '/sw.js'): ServiceWorkerControl {
  if (!('serviceWorker' in navigator)) {
    return { updateWaiting: () => false, applyUpdateIfWaiting: () => false };
  }
  const wb = new Workbox(url);
  let waiting = false;
  wb.addEventListener('waiting', () => {
    waiting = true;
  });
  wb.addEventListener('controlling', () => window.location.reload());
  void wb.register();
  return {
    updateWaiting: () => waiting,
    applyUpdateIfWaiting: () => {
      if (!waiting) return false;
      wb.messageSkipWaiting();
      return true;
    },
  };
}
