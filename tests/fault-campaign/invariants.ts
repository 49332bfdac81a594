/**
 * What must hold after kills, whichever way the kiosk died (kill-kiosk.test.ts: the window only;
 * kill-whole-kiosk.test.ts: shell and window together). One copy, so the two campaigns check the
 * same contract and a fix to a check reaches both.
 */
import type { Page } from 'playwright-core';
import { findVillage } from '../../assets/seed';
import type { RunningCounty } from '../../county/main';
import type { DecodedReceipt } from '../../drivers/printer/escpos-reader';
import { readKioskTable, waitSynced } from './kiosk-page';

/** The county side of a campaign product (fault-product.ts or whole-kiosk.ts). */
export interface CampaignCounty {
  county: RunningCounty;
  villageId: string;
}

export type KioskParcel = {
  id: string;
  waybill: string;
  status: string;
  location: { compartmentId?: string };
};

/**
 * After the restart has synced: every order the screen acknowledged (下单成功) is at the county
 * exactly once, the county has exactly the kiosk's orders, and never more than 确认下单 taps.
 */
export async function expectOrdersOnce(
  product: CampaignCounty,
  page: Page,
  acknowledged: string[],
  taps: number,
): Promise<void> {
  await waitSynced(page);
  const kioskOrders = await readKioskTable<{ id: string }>(page, 'orders');
  const county = await product.county.db.query<{ id: string }>(
    'SELECT id FROM orders WHERE county_id = $1 AND village_id = $2',
    [findVillage(product.villageId)!.county.id, product.villageId],
  );
  const countyIds = county.map((o) => o.id);
  for (const id of acknowledged)
    expect(
      countyIds.filter((c) => c === id),
      `order ${id}`,
    ).toHaveLength(1);
  expect(new Set(countyIds).size).toBe(countyIds.length);
  expect([...countyIds].sort()).toEqual(kioskOrders.map((o) => o.id).sort());
  expect(countyIds.length).toBeLessThanOrEqual(taps);
}

/** After the boot's reconcile: no pending door side effect, no parcel half-way; then the parcels. */
export async function settledParcels(page: Page): Promise<KioskParcel[]> {
  await expect
    .poll(
      async () => {
        const effects = await readKioskTable<{ kind: string; status: string }>(page, 'sideEffects');
        const parcels = await readKioskTable<{ status: string }>(page, 'parcels');
        return {
          pendingDoors: effects.filter((e) => e.kind === 'door' && e.status === 'pending').length,
          opening: parcels.filter((p) => p.status === 'opening').length,
        };
      },
      { timeout: 30_000 },
    )
    .toEqual({ pendingDoors: 0, opening: 0 });
  return readKioskTable<KioskParcel>(page, 'parcels');
}

/** Settled and synced: the county has exactly the kiosk's parcels of this campaign, each once, alike. */
export async function expectParcelsMatchCounty(
  product: CampaignCounty,
  page: Page,
  waybills: string[],
): Promise<void> {
  const parcels = await settledParcels(page);
  await waitSynced(page);
  const county = await product.county.db.query<{ id: string; waybill: string; status: string }>(
    'SELECT id, waybill, status FROM parcels WHERE county_id = $1 AND village_id = $2',
    [findVillage(product.villageId)!.county.id, product.villageId],
  );
  const ours = parcels.filter((p) => waybills.includes(p.waybill));
  const theirs = county.filter((c) => waybills.includes(c.waybill));
  expect(theirs.map((c) => [c.id, c.status]).sort()).toEqual(ours.map((p) => [p.id, p.status]).sort());
}

/** Lock-open commands per compartment since `before` (the bus counts only grow). */
export function opensSince(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...after]
    .map(([id, n]): [string, number] => [id, n - (before.get(id) ?? 0)])
    .filter(([, d]) => d > 0);
}

/** One intake, the restart's reconcile included, sent one lock-open command at most. */
export function expectIntakeOpens(opened: [string, number][], waybill: string): void {
  expect(
    opened.reduce((n, [, d]) => n + d, 0),
    `intake ${waybill}, restart included: ${JSON.stringify(opened)}`,
  ).toBeLessThanOrEqual(1);
}

/**
 * One pickup, restart included: no door opened twice (a cut pickup is settled by querying the door,
 * never by opening it again); a parcel that ended collected had its door opened exactly once.
 */
export function expectPickupOpens(opened: [string, number][], parcel: KioskParcel, collected: boolean): void {
  for (const [id, n] of opened)
    expect(n, `pickup ${parcel.waybill}: compartment ${id}`).toBeLessThanOrEqual(1);
  if (!collected) return;
  const at = parcel.location.compartmentId;
  expect(opened.find(([id]) => id === at)?.[1], `pickup ${parcel.waybill}: open of ${at}`).toBe(1);
}

/**
 * Pickup codes by waybill, from the slips on the printer's paper (a slip is printed only after the
 * parcel is saved, so a kill after saving still leaves the code to find).
 */
export function pickupCodes(paper: readonly DecodedReceipt[], waybill: RegExp): Map<string, string> {
  const codes = new Map<string, string>();
  for (const r of paper) {
    const code = r.qr.map((q) => /^VPK1:P:[^:]+:(\d{6})$/.exec(q)?.[1]).find(Boolean);
    const wb = waybill.exec(r.lines.join('\n'))?.[1];
    if (code && wb) codes.set(wb, code);
  }
  return codes;
}
