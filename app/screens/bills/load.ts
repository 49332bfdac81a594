import { billsByPhone, type BillIntentRow } from '../../store/bills';
import type { KioskDb } from '../../store/db';
import { refundsDue, type RefundState } from '../../store/refunds';
import { statusesOf, type RequestStatusRow } from '../../store/villager-requests';
import { syncStates, type SyncState } from '../requests/sync-state';

export interface BillView {
  bill: BillIntentRow;
  status: RequestStatusRow | undefined;
  sync: SyncState;
  refund: RefundState;
}

/** A villager's bills with the county's answers, where each is on its way, and refunds owed or paid. */
export async function loadBills(db: KioskDb, phone: string): Promise<BillView[]> {
  const bills = await billsByPhone(db, phone);
  const [statuses, sync, due, paid] = await Promise.all([
    statusesOf(db, 'bill'),
    syncStates(
      db,
      bills.map((b) => b.mutationId),
    ),
    refundsDue(db),
    db.refunds.where('source').equals('bill').toArray(),
  ]);
  const dueBy = new Map(due.map((r) => [r.refId, r]));
  const paidBy = new Map(paid.map((r) => [r.refId, r]));
  return bills.map((bill) => {
    const p = paidBy.get(bill.id);
    const d = dueBy.get(bill.id);
    const refund: RefundState = p
      ? { state: 'paid', amountFen: p.amountFen, paidAt: p.paidAt }
      : d
        ? { state: 'due', amountFen: d.amountFen }
        : { state: 'none' };
    return { bill, status: statuses.get(bill.id), sync: sync.get(bill.mutationId) ?? 'sent', refund };
  });
}
