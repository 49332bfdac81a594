import type { KioskError } from '../../../kiosk-shell/api';

/** A device failure as the operator reads it: what it means in words, then the device's own message. */
export function DiagnosticsError({ error, text }: { error: KioskError; text: string }) {
  return (
    <p className="panel__error diagnostics__error" role="alert">
      {text}
      <span className="diagnostics__detail">{error.message}</span>
    </p>
  );
}
