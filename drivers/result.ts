/**
 * Results, not exceptions, across the driver boundary (STYLE.md habit 4). Every driver call that can
 * fail because of the outside world answers `{ok: false, error: {code, message}}`; the message is
 * Chinese first, English second, because the operator reads it and the county reads the log.
 * Exceptions are left for programming errors (a bad argument that the schemas should have caught).
 */
export const driverErrorCodes = [
  // locker bus
  'BOARD_SILENT', // no (valid) answer from the board within the timeout, retries included
  'LOCK_JAMMED', // the board answered that the lock did not release
  'DOOR_DID_NOT_OPEN', // no confirmation, and the door reads closed afterwards
  'DOOR_STILL_OPEN', // waitClosed gave up: the door is still open
  'BUS_UNPLUGGED', // the USB-RS485 adapter (or the serial port) is gone
  'BUS_BUSY', // a request could not get the bus in time and was dropped without being sent
  'BAD_FRAME', // bytes arrived but never made a valid frame for the request
  'UNKNOWN_COMPARTMENT',
  // printer
  'PAPER_OUT',
  'COVER_OPEN',
  'PRINTER_OFFLINE', // connected, but it reports offline or does not answer DLE EOT
  'PRINTER_UNREACHABLE', // cannot connect / write at all
  'STATUS_UNSUPPORTED', // a write-only transport (file, /dev/usb/lp0) cannot read status
  'JOB_NOT_FOUND',
  // generic
  'BAD_REQUEST',
  'IO_ERROR',
] as const;
export type DriverErrorCode = (typeof driverErrorCodes)[number];

export interface DriverError {
  code: DriverErrorCode;
  message: string;
}

export type DriverResult<T> = { ok: true; value: T } | { ok: false; error: DriverError };

export const ok = <T>(value: T): DriverResult<T> => ({ ok: true, value });

export const fail = (code: DriverErrorCode, message: string): { ok: false; error: DriverError } => ({
  ok: false,
  error: { code, message },
});

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

/** A readable message for an unknown thrown value, for logs and error results. */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
