/**
 * The console's calls to the county service (same origin). Answers are typed from the county's
 * modules with `import type` only: nothing from the server is bundled. Failures come back as values,
 * never thrown, so the screen can say what went wrong in words.
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

/** Called when the server says the token is no longer good (signed out everywhere in the UI). */
let onUnauthorized: () => void = () => undefined;
export const setUnauthorizedHandler = (fn: () => void) => {
  onUnauthorized = fn;
};

async function request(method: string, path: string, body?: unknown): Promise<Response | ApiResult<never>> {
  const token = tokenStore.get();
  try {
    return await fetch(path, {
      method,
      headers: {
        ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    return { ok: false, status: 0, code: 'NETWORK', message: `无法连接服务中心：${String(err)}` };
  }
}

async function failure(response: Response): Promise<ApiResult<never>> {
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  if (response.status === 401) onUnauthorized();
  return {
    ok: false,
    status: response.status,
    code: body?.error?.code ?? 'HTTP_' + response.status,
    message: body?.error?.message ?? response.statusText,
  };
}

export async function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  const response = await request(method, path, body);
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failure(response);
  if (response.status === 204) return { ok: true, value: undefined as T };
  return { ok: true, value: (await response.json()) as T };
}

export const get = <T>(path: string) => call<T>('GET', path);

/** Fetches a file with the token and hands it to the browser as a download under `fileName`. */
export async function download(path: string, fileName: string): Promise<ApiResult<true>> {
  const response = await request('GET', path);
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failure(response);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, value: true };
}

export const fetchHealth = async (): Promise<ApiResult<HealthResponse>> => {
  // /healthz answers 503 with a body worth showing, so a health body is a value whatever the status.
  try {
    const response = await fetch('/healthz');
    return { ok: true, value: (await response.json()) as HealthResponse };
  } catch (err) {
    return { ok: false, status: 0, code: 'NETWORK', message: String(err) };
  }
};

export const fetchSummary = () => get<AdminSummaryResponse>('/api/v1/admin/summary');

/** Query string of the defined, non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length === 0
    ? ''
    : '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

/** Sends a file as it is (a CSV manifest, a catalogue spreadsheet) with its media type. */
export async function upload<T>(path: string, file: Blob, type: string): Promise<ApiResult<T>> {
  const token = tokenStore.get();
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': type, ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
  } catch (err) {
    return { ok: false, status: 0, code: 'NETWORK', message: `无法连接服务中心：${String(err)}` };
  }
  if (!response.ok) return failure(response);
  return { ok: true, value: (await response.json()) as T };
}
