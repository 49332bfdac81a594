/**
 * Which compartment a new parcel goes into. Pure: given the bank as the boards report it, the
 * compartments that parcels already hold, and the ones the kiosk took out of service after a fault.
 *
 * A compartment is free when it is in service (configured, its board answers), its door reads
 * closed, its infrared sensor (where there is one) does not see something inside, no waiting parcel
 * is recorded in it, and the kiosk has not marked it faulty. The requested size is preferred; a
 * larger one is used only when none of that size is free (a small parcel must not take the last
 * large door while small ones are free). Within a size the lowest id goes first, so the operator
 * finds the bank filling in order.
 */
import type { Compartment } from '../../../kiosk-shell/api';
import type { CompartmentSize } from './types';

const ORDER: CompartmentSize[] = ['S', 'M', 'L'];

export function isFree(c: Compartment, held: ReadonlySet<string>, faulty: ReadonlySet<string>): boolean {
  return (
    !c.outOfService && c.door === 'closed' && c.occupied !== true && !held.has(c.id) && !faulty.has(c.id)
  );
}

export function chooseCompartment(
  bank: readonly Compartment[],
  size: CompartmentSize,
  held: ReadonlySet<string>,
  faulty: ReadonlySet<string> = new Set(),
): Compartment | undefined {
  for (const s of ORDER.slice(ORDER.indexOf(size))) {
    const free = bank
      .filter((c) => c.size === s && isFree(c, held, faulty))
      .sort((a, b) => a.id.localeCompare(b.id));
    if (free[0]) return free[0];
  }
  return undefined;
}

/** Free compartments per size, for the intake screen's size buttons (一个都没有 → 放货架). */
export function freeBySize(
  bank: readonly Compartment[],
  held: ReadonlySet<string>,
  faulty: ReadonlySet<string> = new Set(),
): Record<CompartmentSize, number> {
  const counts: Record<CompartmentSize, number> = { S: 0, M: 0, L: 0 };
  for (const c of bank) if (isFree(c, held, faulty)) counts[c.size]++;
  return counts;
}
