import type { KioskDb } from '../../store/db';
import { listingsByPhone, type ProduceConfirmationRow, type ProduceListingRow } from '../../store/produce';
import { statusesOf, type RequestStatusRow } from '../../store/villager-requests';
import { syncStates, type SyncState } from '../requests/sync-state';

export interface ListingView {
  listing: ProduceListingRow;
  confirmation: ProduceConfirmationRow | undefined;
  status: RequestStatusRow | undefined;
  sync: SyncState;
}

export async function loadListings(db: KioskDb, phone: string): Promise<ListingView[]> {
  const listings = await listingsByPhone(db, phone);
  const [statuses, sync] = await Promise.all([
    statusesOf(db, 'produce'),
    syncStates(
      db,
      listings.map((l) => l.mutationId),
    ),
  ]);
  return listings.map(({ confirmation, ...listing }) => ({
    listing,
    confirmation,
    status: statuses.get(listing.id),
    sync: sync.get(listing.mutationId) ?? 'sent',
  }));
}

/** The county's offer, read defensively from the open `detail` record. */
export function offerOf(
  status: RequestStatusRow | undefined,
): { offerFen: number; buyer: string } | undefined {
  const d = status?.detail;
  if (!d || !Number.isSafeInteger(d.offerFen) || typeof d.buyer !== 'string') return undefined;
  return { offerFen: d.offerFen as number, buyer: d.buyer };
}
