/**
 * Row counts for the admin console and for the seed's report. One statement, so the figures are one
 * consistent snapshot even while kiosks are syncing.
 */
import type { Queryable } from './db';

export interface SummaryCounts {
  counties: number;
  townships: number;
  villages: number;
  categories: number;
  items: number;
  notices: number;
  devices: number;
  /** Devices not revoked. */
  activeDevices: number;
}

export async function summaryCounts(db: Queryable): Promise<SummaryCounts> {
  const [row] = await db.query<SummaryCounts>(`SELECT
      (SELECT count(*) FROM counties) AS counties,
      (SELECT count(*) FROM townships) AS townships,
      (SELECT count(*) FROM villages) AS villages,
      (SELECT count(*) FROM catalogue_categories) AS categories,
      (SELECT count(*) FROM catalogue_items) AS items,
      (SELECT count(*) FROM notices) AS notices,
      (SELECT count(*) FROM devices) AS devices,
      (SELECT count(*) FROM devices WHERE revoked_at IS NULL) AS "activeDevices"`);
  if (!row) throw new Error('summary query returned no row');
  return row;
}
