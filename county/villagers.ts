/**
 * The villager registry at the county (issue 7): villagers who agreed, at their point, to be
 * recorded, so reports can count how many villagers use online shopping through the points.
 *
 * One row per phone per village. A second registration of a phone the village already has (another
 * terminal of the point, or a kiosk whose data was lost) is not an error: the first record stands,
 * a name is filled in if it was missing, and the ack names the existing record.
 */
import type { MutationPayload } from '../sync/protocol';
import type { Queryable } from './db';
import { ORIGIN_COLUMNS, origin, Rejection, type MutationContext } from './mutation-context';

export async function villagerRegistered(ctx: MutationContext, p: MutationPayload<'villager.registered'>) {
  const byPhone = () =>
    ctx.tx.query<{ id: string }>(
      `UPDATE villagers SET name = coalesce(name, $4)
       WHERE county_id = $1 AND village_id = $2 AND phone = $3 RETURNING id`,
      [ctx.device.countyId, ctx.device.villageId, p.phone, p.name ?? null],
    );
  const [existing] = await byPhone();
  if (existing) return { villagerId: existing.id, status: 'already-registered' };
  // No conflict target: a concurrent registration of the same phone (unique per village) and a
  // reused id both land here, and are told apart below instead of failing the push.
  const inserted = await ctx.tx.query(
    `INSERT INTO villagers (${ORIGIN_COLUMNS.join(', ')}, phone, name, consent_at, operator_id, device_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING 1`,
    [...origin(ctx, p.villagerId), p.phone, p.name ?? null, p.consentAt, p.operatorId, ctx.at],
  );
  if (inserted.length > 0) return { villagerId: p.villagerId, status: 'registered' };
  const [raced] = await byPhone();
  if (raced) return { villagerId: raced.id, status: 'already-registered' };
  throw new Rejection(`编号 ${p.villagerId} 已被使用 / id ${p.villagerId} is already taken`);
}

export interface VillageUsage {
  villageId: string;
  villagers: number;
  trainings: number;
  trainees: number;
}

/** Registered villagers and training attendance per village of a county (the province's report). */
export async function villageUsage(db: Queryable, countyId: string): Promise<VillageUsage[]> {
  return db.query<VillageUsage>(
    `SELECT v.id AS "villageId",
            (SELECT count(*)::int FROM villagers r WHERE r.county_id = v.county_id AND r.village_id = v.id) AS villagers,
            (SELECT count(*)::int FROM trainings t WHERE t.county_id = v.county_id AND t.village_id = v.id) AS trainings,
            (SELECT coalesce(sum(t.attendees), 0)::int FROM trainings t
              WHERE t.county_id = v.county_id AND t.village_id = v.id) AS trainees
     FROM villages v WHERE v.county_id = $1 ORDER BY v.id`,
    [countyId],
  );
}
