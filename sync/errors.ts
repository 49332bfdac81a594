/**
 * What can go wrong while syncing, as values (STYLE.md habit 4): the transport maps every HTTP or
 * network failure to one of these codes, the engine decides what to do per code (exhaustively), and
 * the operator reads the Chinese message — plain words, no status numbers.
 */

export type SyncErrorCode =
  | 'OFFLINE' // the county cannot be reached (no network, or the kiosk's proxy cannot reach it)
  | 'TIMEOUT'
  | 'NOT_ENROLLED' // 401 from the county (unknown or revoked token) or the proxy has no token
  | 'FORBIDDEN' // 403: the county refuses this device that data
  | 'UNSUPPORTED_PROTOCOL' // 426: this kiosk speaks a protocol the county no longer accepts
  | 'PAYLOAD_TOO_LARGE' // 413
  | 'RATE_LIMITED' // 429
  | 'SERVER' // 5xx from the county itself
  | 'BAD_REQUEST' // any other 4xx
  | 'MALFORMED' // an answer that fails the protocol schemas: never applied
  | 'STORAGE' // the local database failed (quota full, disk error)
  | 'NOT_IDENTIFIED'; // export asked before the county ever told this kiosk its device id

export interface SyncError {
  code: SyncErrorCode;
  /** For the operator, in Chinese. */
  message: string;
  /** For the logs: status, the county's own error code, the exception text. */
  detail?: string;
  /** From a Retry-After header: the earliest moment worth trying again, in ms from now. */
  retryAfterMs?: number;
}

export type SyncResult<T> = { ok: true; value: T } | { ok: false; error: SyncError };

export const syncErrorMessages: Record<SyncErrorCode, string> = {
  OFFLINE: '县中心暂时连不上，稍后自动重试',
  TIMEOUT: '网络太慢，县中心没有及时回应，稍后自动重试',
  NOT_ENROLLED: '本终端还没有注册，或已被县中心停用，请联系县中心',
  FORBIDDEN: '县中心拒绝了本终端的请求，请联系县中心',
  UNSUPPORTED_PROTOCOL: '本终端软件版本过旧，请联系县中心升级',
  PAYLOAD_TOO_LARGE: '一次发送的记录太多，正在分批重试',
  RATE_LIMITED: '县中心正忙，稍后自动重试',
  SERVER: '县中心出了故障，稍后自动重试',
  BAD_REQUEST: '县中心不接受这批记录，稍后自动重试，请联系县中心',
  MALFORMED: '县中心返回的数据有误，没有保存，稍后自动重试',
  STORAGE: '本机存储出错（可能已满），请联系县中心',
  NOT_IDENTIFIED: '本终端还没连上过县中心，无法导出',
};

export function syncError(code: SyncErrorCode, detail?: string, retryAfterMs?: number): SyncError {
  return {
    code,
    message: syncErrorMessages[code],
    ...(detail !== undefined && { detail }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  };
}

/** An exception's text for the logs (thrown only by the local database: the transport returns values). */
export const describeError = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : String(err);

export function assertNever(x: never): never {
  throw new Error(`unhandled case ${JSON.stringify(x)}`);
}
