/// <reference lib="webworker" />
/**
 * The kiosk's service worker (Workbox).
 * - Precaches the app shell, so a reload with the shell server and the county both down still shows
 *   the kiosk (the bridge and county calls then fail as values and the status bar says so).
 * - Caches catalogue and notice images from the county cache-first with an expiry, so product pages
 *   show photos offline.
 * - Never takes over by itself: the page sends SKIP_WAITING when it is back home after an idle
 *   timeout (platform/sw-register.ts), so an update never lands mid-transaction.
 * - API calls (/county/api, /kiosk-bridge) are never cached: they are the live link.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any navigation inside the kiosk origin gets the precached shell.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/county\//, /^\/kiosk-bridge\//],
  }),
);

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.destination === 'image' &&
    /^\/county\/(media|api\/v1\/media)\//.test(url.pathname),
  new CacheFirst({
    cacheName: 'county-images',
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 5000, maxAgeSeconds: 60 * 24 * 3600, purgeOnQuotaError: true }),
    ],
  }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | undefined)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
