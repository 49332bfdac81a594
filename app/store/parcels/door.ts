/**
 * Door handling shared by intake and pickup: the pending side effect written before a door opens, the
 * audit line of every open (who, why, code or operator, result), and waiting for the door to close.
 *
 * Invariant (ARCHITECTURE.md §4): the side effect row is committed BEFORE the open is sent, and its
 * outcome is written back after, so a power cut in between leaves a pending row that the reconcile
 * at start (reconcile.ts) settles by querying the door — an open is never repeated blindly.
 */
import { ulid } from 'ulid';
import type { KioskTransport, KioskError } from '../../../kiosk-shell/api';
import { recordAudit } from '../audit';
import type { KioskDb, SideEffect } from '../db';

export type DoorPurpose = 'intake' | 'pickup';

export interface DoorEffectDetail {
  purpose: DoorPurpose;
  compartmentId: string;
  parcelId?: string;
  waybill?: string;
  method?: 'code' | 'operator';
  operatorId?: string;
  /** The board confirmed the release (written back right after the open answered). */
  opened?: boolean;
}

export type DoorEffect = SideEffect & { kind: 'door'; detail: DoorEffectDetail };

export function newDoorEffect(detail: DoorEffectDetail, now: Date): DoorEffect {
  return {
    id: ulid(),
    kind: 'door',
    status: 'pending',
    createdAt: now.toISOString(),
    ref: detail.parcelId ?? `intake:${detail.compartmentId}`,
    detail,
  };
}

export const isDoorEffect = (s: SideEffect): s is DoorEffect =>
  s.kind === 'door' && typeof s.detail === 'object' && s.detail !== null && 'compartmentId' in s.detail;

/** One audit line per door open, whatever its result; joins the caller's transaction. */
export async function auditDoorOpen(
  db: KioskDb,
  d: DoorEffectDetail,
  result: 'opened' | KioskError['code'],
  now: () => Date,
): Promise<void> {
  await recordAudit(
    db,
    {
      kind: 'door.open',
      ...(d.operatorId ? { operatorId: d.operatorId } : {}),
      detail: {
        compartmentId: d.compartmentId,
        reason: d.purpose,
        method: d.method ?? 'operator',
        ...(d.parcelId ? { parcelId: d.parcelId } : {}),
        ...(d.waybill ? { waybill: d.waybill } : {}),
        result,
      },
    },
    now,
  );
}

export type WaitProgress = 'waiting' | 'still-open' | 'no-answer';

/**
 * Polls `locker.waitClosed` (each call ≤ 8 s: the bridge gives up on a call after 10 s) until the door
 * reads closed or `signal` aborts. A board that stops answering meanwhile is reported and polled on.
 */
export async function waitDoorClosed(
  api: KioskTransport,
  compartmentId: string,
  opts: { signal?: AbortSignal; onProgress?: (p: WaitProgress) => void; timeoutMs?: number } = {},
): Promise<{ closed: true; sawOpen: boolean } | { closed: false }> {
  let sawOpen = false;
  opts.onProgress?.('waiting');
  while (!opts.signal?.aborted) {
    const r = await api.invoke('locker.waitClosed', { compartmentId, timeoutMs: opts.timeoutMs ?? 5_000 });
    if (r.ok) return { closed: true, sawOpen: sawOpen || r.value.sawOpen };
    if (r.error.code === 'DOOR_STILL_OPEN') {
      sawOpen = true;
      opts.onProgress?.('still-open');
    } else {
      opts.onProgress?.('no-answer');
      // Not a busy loop when the shell answers at once (a disconnected bridge).
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return { closed: false };
}
