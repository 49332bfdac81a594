/**
 * The rows of the parcel service (代收代发, ARCHITECTURE.md §7) as kept in the kiosk's database
 * (Dexie v6, db.ts). The pickup code is never at rest in clear: only its salted SHA-256 is kept
 * (codes.ts), and the clear code lives only on the printed slip and inside the SMS text.
 */
export type CompartmentSize = 'S' | 'M' | 'L';

/** Where a parcel waits: a locker compartment (board/lock as the county's payload needs them) or a shelf. */
export type ParcelLocation =
  | { kind: 'locker'; compartmentId: string; board: number; lock: number; size: CompartmentSize }
  | { kind: 'shelf'; code: string };

/**
 * stored → opening → collected (pickup), stored → returned (to the courier, overdue).
 * `opening` is the only in-between state: a door open is in flight or was cut off by a power loss,
 * and only the reconcile at start (reconcile.ts) or the running pickup settles it.
 */
export type ParcelStatus = 'stored' | 'opening' | 'collected' | 'returned';

export interface ParcelRow {
  id: string; // the parcelId the county knows (ULID)
  waybill: string; // unique on this device: the same waybill is never stored twice
  carrier: string;
  phone: string;
  recipientName?: string;
  location: ParcelLocation;
  /** hex SHA-256 of (device salt ‖ code); unique among parcels that are not collected or returned. */
  codeHash: string;
  status: ParcelStatus;
  storedAt: string; // device time (ISO)
  storedBy?: string; // operator id
  /** The outbox mutation that carried `parcel.stored`. */
  mutationId: string;
  collectedAt?: string;
  collectMethod?: 'code' | 'operator';
  collectedBy?: string;
  returnedAt?: string;
  returnedBy?: string;
  /** Storage fee taken in cash for an overdue parcel (integer fen); the cash movement holds the money. */
  feePaidFen?: number;
}

/** One thing that happened to a stored parcel; the row `recordAction` writes with its mutation. */
export interface ParcelEventRow {
  id: string;
  parcelId: string;
  type: 'collected' | 'returned' | 'fee';
  at: string; // device time (ISO)
  operatorId?: string;
  method?: 'code' | 'operator';
  /** The dispatch manifest a return left with (helper H5's manifests), when there is one. */
  manifestId?: string;
  feeFen?: number;
}
