/**
 * The parcel's state machine. Every status change in the store goes through `transition`, so a
 * parcel cannot be collected twice, returned while a door is open, or reopened once collected.
 *
 *   stored --open--> opening --collected--> collected
 *     ^                 |
 *     +---open-failed---+      (door did not open, or reconcile found the parcel still inside)
 *   stored --returned--> returned      (handed back to the courier: overdue)
 *   stored --released--> collected     (shelf parcel handed over, or operator release after an open)
 *
 * A shelf parcel never passes through `opening`: there is no door.
 */
import { assertNever } from '../../../sync/errors';
import type { ParcelStatus } from './types';

export type ParcelEvent =
  | { type: 'open' }
  | { type: 'open-failed' }
  | { type: 'collected' }
  | { type: 'released' }
  | { type: 'returned' };

export type Transition = { ok: true; status: ParcelStatus } | { ok: false; reason: string };

const refuse = (status: ParcelStatus, event: ParcelEvent): Transition => ({
  ok: false,
  reason: `parcel ${status} cannot take '${event.type}'`,
});

export function transition(status: ParcelStatus, event: ParcelEvent): Transition {
  switch (status) {
    case 'stored':
      switch (event.type) {
        case 'open':
          return { ok: true, status: 'opening' };
        case 'released':
          return { ok: true, status: 'collected' };
        case 'returned':
          return { ok: true, status: 'returned' };
        case 'open-failed':
        case 'collected':
          return refuse(status, event);
        default:
          return assertNever(event);
      }
    case 'opening':
      switch (event.type) {
        case 'collected':
        case 'released':
          return { ok: true, status: 'collected' };
        case 'open-failed':
          return { ok: true, status: 'stored' };
        case 'open':
        case 'returned':
          return refuse(status, event);
        default:
          return assertNever(event);
      }
    case 'collected':
    case 'returned':
      return refuse(status, event);
    default:
      return assertNever(status);
  }
}

/** Still at the point: holds its compartment and its code. */
export const isWaiting = (status: ParcelStatus): boolean => status === 'stored' || status === 'opening';
