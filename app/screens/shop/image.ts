/**
 * Where a product photo may be loaded from. The county publishes either a path on its own server
 * ('/media/x.jpg') or an http(s) address. The kiosk reaches the county only through its own origin's
 * /county proxy, which is also what the service worker caches for offline use and what the page's
 * CSP (img-src 'self') allows; anything else is refused and the placeholder is shown instead.
 * Checked with new URL() (STYLE.md habit 11), never by string matching.
 */
import { COUNTY_PROXY_PREFIX } from '../../../kiosk-shell/api';

export function productImageSrc(
  imageUrl: string | null,
  origin: string = window.location.origin,
): string | undefined {
  if (!imageUrl) return undefined;
  let url: URL;
  try {
    const base = new URL(`${COUNTY_PROXY_PREFIX}/`, origin);
    // A county path becomes a path under the proxy; an absolute address stays as it is.
    url =
      imageUrl.startsWith('/') && !imageUrl.startsWith('//')
        ? new URL(`.${imageUrl}`, base)
        : new URL(imageUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== origin || !url.pathname.startsWith(`${COUNTY_PROXY_PREFIX}/`)) return undefined;
  return url.pathname + url.search;
}
