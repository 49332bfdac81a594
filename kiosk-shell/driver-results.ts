/**
 * Driver results → KioskApi results. The drivers' error codes pass through one to one (their
 * messages are Chinese first, English second already), so the screen can say 打印机缺纸 for
 * PAPER_OUT and the county's log reader sees the same code the driver logged.
 *
 * The two lists live apart on purpose — api.ts imports only zod, so the renderer can use it — and the
 * assertions below make a driver code or document kind that the contract lacks fail to compile.
 */
import type { DocumentKind as DriverDocumentKind } from '../drivers/printer/document';
import type { DriverError, DriverErrorCode } from '../drivers/result';
import { fail, type DocumentKind, type ErrorCode, type Result } from './api';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const everyDriverCodeIsAnApiCode: [Exclude<DriverErrorCode, ErrorCode>] extends [never]
  ? true
  : never = true;
export const documentKindsAgree: Same<DocumentKind, DriverDocumentKind> = true;

export function driverFailure(error: DriverError): Result<never> {
  return fail(error.code, error.message);
}
