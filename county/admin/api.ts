/**
 * The console's calls to the county service (same origin). Answers are typed from county/http-contract.ts
 * (`import type` only: nothing from the server is bundled). Failures come back as values, never thrown,
 * so the screen can say what went wrong in words.
 */
import type { AdminSummaryResponse, ErrorBody, HealthResponse } from '../http-contract';

export type ApiResult<T> =
  { ok: true; value: T } | { ok: false; status: number; code: string; message: string };

const TOKEN_KEY = 'vpk.county.adminToken';

/** sessionStorage: the token is gone when the browser tab closes, and other tabs never see it. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

async function getJson<T>(path: string, token?: string): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: token !== undefined ? { authorization: `Bearer ${token}` } : {},
    });
  } catch (err) {
    return { ok: false, status: 0, code: 'NETWORK', message: `无法连接服务中心：${String(err)}` };
  }
  const body = (await response.json().catch(() => null)) as unknown;
  // /healthz answers 503 with a body worth showing, so a health body is a value whatever the status.
  if (response.ok || (path === '/healthz' && body !== null)) return { ok: true, value: body as T };
  const error = (body as Partial<ErrorBody> | null)?.error;
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? 'HTTP_' + response.status,
    message: error?.message ?? response.statusText,
  };
}

export const fetchHealth = () => getJson<HealthResponse>('/healthz');

export const fetchSummary = (token: string) => getJson<AdminSummaryResponse>('/api/v1/admin/summary', token);
