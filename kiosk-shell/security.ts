/**
 * The kiosk origin's security rules, shared by the Electron shell and browser mode.
 * Only the fixed loopback origin may be loaded or called; everything else is refused.
 */
export const kioskOrigin = (port: number): string => `http://127.0.0.1:${port}`;

/** Host headers we answer to. Anything else (e.g. a DNS-rebinding name) is refused. */
export const allowedHosts = (port: number): Set<string> =>
  new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

export function isAllowedOrigin(url: string, port: number): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'http:' &&
      (u.hostname === '127.0.0.1' || u.hostname === 'localhost') &&
      u.port === String(port)
    );
  } catch {
    return false;
  }
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}
