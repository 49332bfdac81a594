/**
 * The county's view of the villages' closed cash days (日结, issue 7) and counter sales, for the
 * county console and the admin API: what each point counted, what its ledger expected, and why
 * they differed.
 */
import type { Queryable } from './db';
import { isoSql } from './feed';

export interface CashDayListing {
  id: string;
  villageId: string;
  deviceId: string;
  day: string;
  floatFen: number | null;
  expectedFen: number;
  countedFen: number;
  differenceFen: number;
  reason: string | null;
  totals: { kind: string; count: number; amountFen: number }[] | null;
  operatorId: string;
  receivedAt: string;
}

export async function listCashDays(
  db: Queryable,
  countyId: string,
  villageId: string | undefined,
): Promise<CashDayListing[]> {
  return db.query<CashDayListing>(
    `SELECT id, village_id AS "villageId", device_id AS "deviceId", to_char(day, 'YYYY-MM-DD') AS day,
            float_fen AS "floatFen", expected_fen AS "expectedFen", counted_fen AS "countedFen",
            counted_fen - expected_fen AS "differenceFen", reason, totals, operator_id AS "operatorId",
            ${isoSql('received_at')} AS "receivedAt"
     FROM cash_days WHERE county_id = $1 AND ($2::text IS NULL OR village_id = $2)
     ORDER BY day DESC, received_at DESC LIMIT 500`,
    [countyId, villageId ?? null],
  );
}

export interface ShopSaleListing {
  id: string;
  villageId: string;
  totalFen: number;
  lines: { itemId: string; name: string; qty: number; unitPriceFen: number }[];
  operatorId: string | null;
  deviceAt: string;
}

export async function listShopSales(
  db: Queryable,
  countyId: string,
  villageId: string | undefined,
): Promise<ShopSaleListing[]> {
  return db.query<ShopSaleListing>(
    `SELECT id, village_id AS "villageId", total_fen AS "totalFen", lines, operator_id AS "operatorId",
            ${isoSql('device_at')} AS "deviceAt"
     FROM shop_sales WHERE county_id = $1 AND ($2::text IS NULL OR village_id = $2)
     ORDER BY device_at DESC, id LIMIT 500`,
    [countyId, villageId ?? null],
  );
}
