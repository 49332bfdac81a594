/**
 * The county's HTTP contract: inputs (zod schemas, parsed once at the boundary), the shapes of its
 * answers, and its errors.
 * The admin console imports the answer types with `import type`, so the two cannot drift apart.
 * Sync endpoints (ARCHITECTURE.md §5) take their shapes from sync/protocol.ts, shared with the kiosk;
 * the admin API's inputs are in admin-contract.ts.
 */
import { z } from 'zod';
import type { SummaryCounts } from './summary';

/**
 * Every failure leaves as `{ error: { code, message } }`. Domain functions throw a CountyError with a
 * stable code; the server's error handler turns it into the response, so a code means the same thing
 * whichever route raised it and clients (kiosk, console) can switch on it.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  ENROLLMENT_CODE_INVALID: 400,
  IMPORT_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VILLAGE_NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_PROTOCOL: 426,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DB_UNAVAILABLE: 503,
  /** Too many sync requests in progress (admission.ts); Retry-After says when to come back. */
  BUSY: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  /** `rows`: an import's problems, one per bad row (1-based, as a spreadsheet numbers them). */
  error: { code: ErrorCode; message: string; rows?: RowProblem[] };
}

export interface RowProblem {
  row: number;
  message: string;
}

export class CountyError extends Error {
  override name = 'CountyError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields of the error body (e.g. `rows`); headers such as Retry-After go in `headers`. */
    readonly extra: { rows?: RowProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string, rows?: RowProblem[]): ErrorBody {
  return { error: { code, message, ...(rows ? { rows } : {}) } };
}

/** Largest request body accepted, in bytes. Sync batches are sized well below this (§5). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110), the token is not. */
export const bearerHeader = z
  .string()
  .regex(/^Bearer +[!-~]{1,512}$/i)
  .transform((value) => value.replace(/^Bearer +/i, ''));

export const provisionDeviceBody = z.strictObject({
  villageId: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
});
export type ProvisionDeviceBody = z.infer<typeof provisionDeviceBody>;

export type HealthResponse =
  | { ok: true; db: 'pglite' | 'postgres'; schemaVersion: number; serverTime: string }
  | ({ ok: false; db: 'pglite' | 'postgres'; serverTime: string } & ErrorBody);

export interface NamedRef {
  id: string;
  name: string;
}

export interface DeviceMeResponse {
  deviceId: string;
  name: string;
  village: NamedRef;
  township: NamedRef;
  county: NamedRef;
  serverTime: string;
}

export interface AdminSummaryResponse {
  counts: SummaryCounts;
  serverTime: string;
}

export interface ProvisionDeviceResponse {
  deviceId: string;
  villageId: string;
  token: string;
}
