import type { KioskDb } from '../../store/db';
import { returnsByPhone, type ReturnRequestRow } from '../../store/returns';
import { statusesOf, type RequestStatusRow } from '../../store/villager-requests';
import { syncStates, type SyncState } from '../requests/sync-state';

export interface ReturnView {
  request: ReturnRequestRow;
  status: RequestStatusRow | undefined;
  sync: SyncState;
}

export async function loadReturns(db: KioskDb, phone: string): Promise<ReturnView[]> {
  const requests = await returnsByPhone(db, phone);
  const [statuses, sync] = await Promise.all([
    statusesOf(db, 'return'),
    syncStates(
      db,
      requests.map((r) => r.mutationId),
    ),
  ]);
  return requests.map((request) => ({
    request,
    status: statuses.get(request.id),
    sync: sync.get(request.mutationId) ?? 'sent',
  }));
}
