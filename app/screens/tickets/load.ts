import type { KioskDb } from '../../store/db';
import { ticketsByPhone, type TicketRequestRow } from '../../store/tickets';
import { statusesOf, type RequestStatusRow } from '../../store/villager-requests';
import { syncStates, type SyncState } from '../requests/sync-state';

export interface TicketView {
  ticket: TicketRequestRow;
  status: RequestStatusRow | undefined;
  sync: SyncState;
}

export async function loadTickets(db: KioskDb, phone: string): Promise<TicketView[]> {
  const tickets = await ticketsByPhone(db, phone);
  const [statuses, sync] = await Promise.all([
    statusesOf(db, 'ticket'),
    syncStates(
      db,
      tickets.map((t) => t.mutationId),
    ),
  ]);
  return tickets.map((ticket) => ({
    ticket,
    status: statuses.get(ticket.id),
    sync: sync.get(ticket.mutationId) ?? 'sent',
  }));
}
