/**
 * Printing a document after the row that justifies it is committed (§4), with 重印 when it fails: the
 * failed job stays in the shell's print queue and its id comes back with the error.
 */
import { useCallback, useState } from 'react';
import type { KioskTransport, PrintRequest } from '../../../kiosk-shell/api';

export type PrintState =
  | { kind: 'idle' }
  | { kind: 'printing' }
  | { kind: 'printed' }
  | { kind: 'failed'; message: string; jobId?: string };

export function usePrint(api: KioskTransport) {
  const [state, setState] = useState<PrintState>({ kind: 'idle' });

  const print = useCallback(
    async (request: PrintRequest) => {
      setState({ kind: 'printing' });
      const r = await api.invoke('printer.print', request);
      setState(
        r.ok
          ? { kind: 'printed' }
          : { kind: 'failed', message: r.error.message, ...(r.error.jobId ? { jobId: r.error.jobId } : {}) },
      );
    },
    [api],
  );

  const reprint = useCallback(
    async (retry: PrintRequest) => {
      if (state.kind !== 'failed') return;
      setState({ kind: 'printing' });
      // A job the queue kept is reprinted (marked 重印); one that never reached the queue is sent again.
      const r = state.jobId
        ? await api.invoke('printer.reprint', { jobId: state.jobId })
        : await api.invoke('printer.print', retry);
      setState(
        r.ok
          ? { kind: 'printed' }
          : { kind: 'failed', message: r.error.message, ...(r.error.jobId ? { jobId: r.error.jobId } : {}) },
      );
    },
    [api, state],
  );

  return { state, print, reprint };
}
