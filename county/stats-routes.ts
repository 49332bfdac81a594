/**
 * Admin routes of the statistics and of the console's extra lists, registered by admin-routes.ts
 * inside its admin-token scope and county check. Under /api/v1/admin/counties/:countyId:
 *
 *   GET  /stats/dashboard?month=YYYY-MM&townshipId=&villageId=&months=24   series, indicators, drill-down
 *   GET  /stats/report?month=YYYY-MM            the monthly report as JSON (the printable page)
 *   GET  /stats/report.xlsx?month=  /stats/report.csv?month=   the same as files
 *   GET  /places                                townships and their villages (filters, drill-down)
 *   GET  /terminals                             devices with village, last seen, version, backlog
 *   GET  /parcel-manifests?villageId=           what carriers announced, and whether it arrived
 *   GET  /parcels?villageId=&status=  /shipments?villageId=
 *   GET|POST /job-records, DELETE /job-records/:id    新增就业, entered by county staff
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { adminId } from './admin-contract';
import type { Db } from './db';
import { isoSql } from './feed';
import { CountyError } from './http-contract';
import { addJobRecord, deleteJobRecord, jobRecordBody, jobRecordQuery, listJobRecords } from './jobs';
import { buildMonthlyReport, reportCsv, reportFileName, reportXlsx } from './report';
import { currentMonth, indicatorSeries, indicatorsFor, type Indicators, type Level } from './stats';
import { TARGETS } from './stats-format';

export interface StatsRoutesOptions {
  db: Db;
  now: () => Date;
}

const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM / month is YYYY-MM');
const countyParams = z.object({ countyId: adminId });
const dashboardQuery = z.object({
  month: monthParam.optional(),
  townshipId: adminId.optional(),
  villageId: adminId.optional(),
  months: z.coerce.number().int().min(2).max(36).default(24),
});
const reportQuery = z.object({ month: monthParam });
const listQuery = z.object({
  villageId: adminId.optional(),
  status: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,20}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export interface NamedRef {
  id: string;
  name: string;
}

export interface DashboardResponse {
  level: Level;
  county: NamedRef;
  township: NamedRef | null;
  village: NamedRef | null;
  month: string;
  /** Oldest first, ending with `month`. */
  series: Indicators[];
  /** The next level down for `month` (townships of the county, villages of a township). */
  children: (NamedRef & { figures: Indicators })[];
  targets: typeof TARGETS;
}

/** RFC 6266 filename*, so the Chinese file name survives every browser. */
const attachment = (name: string) =>
  `attachment; filename="report.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function statsRoutes(
  app: FastifyInstance,
  opts: StatsRoutesOptions,
  done: (err?: Error) => void,
): void {
  const { db, now } = opts;
  const base = '/api/v1/admin/counties/:countyId';

  app.get(`${base}/stats/dashboard`, async (request): Promise<DashboardResponse> => {
    const { countyId } = countyParams.parse(request.params);
    const q = dashboardQuery.parse(request.query);
    const month = q.month ?? currentMonth(now());
    const [place] = await db.query<{
      county: string;
      tId: string | null;
      tName: string | null;
      vId: string | null;
      vName: string | null;
    }>(
      `SELECT c.name AS county, t.id AS "tId", t.name AS "tName", v.id AS "vId", v.name AS "vName"
       FROM counties c
       LEFT JOIN villages v ON v.county_id = c.id AND v.id = $3
       LEFT JOIN townships t ON t.county_id = c.id AND t.id = coalesce(v.township_id, $2)
       WHERE c.id = $1`,
      [countyId, q.townshipId ?? null, q.villageId ?? null],
    );
    if (!place) throw new CountyError('NOT_FOUND', `县 ${countyId} 不存在`);
    if (q.villageId !== undefined && place.vId === null)
      throw new CountyError('VILLAGE_NOT_FOUND', `村 ${q.villageId} 不在本县 / no such village`);
    if (q.townshipId !== undefined && place.tId === null)
      throw new CountyError('NOT_FOUND', `乡镇 ${q.townshipId} 不在本县 / no such township`);
    const level: Level = place.vId !== null ? 'village' : place.tId !== null ? 'township' : 'county';
    const scope = {
      countyId,
      townshipId: place.tId ?? undefined,
      villageId: place.vId ?? undefined,
    };
    const childLevel: Level | null =
      level === 'county' ? 'township' : level === 'township' ? 'village' : null;
    const [series, children, names] = await Promise.all([
      indicatorSeries(db, scope, level, month, q.months, now()),
      childLevel
        ? indicatorsFor(db, scope, childLevel, month, now())
        : Promise.resolve(new Map<string, Indicators>()),
      childLevel === 'township'
        ? db.query<NamedRef>('SELECT id, name FROM townships WHERE county_id = $1 ORDER BY code, id', [
            countyId,
          ])
        : childLevel === 'village'
          ? db.query<NamedRef>(
              'SELECT id, name FROM villages WHERE county_id = $1 AND township_id = $2 ORDER BY id',
              [countyId, place.tId],
            )
          : Promise.resolve([] as NamedRef[]),
    ]);
    return {
      level,
      county: { id: countyId, name: place.county },
      township: place.tId !== null ? { id: place.tId, name: place.tName! } : null,
      village: place.vId !== null ? { id: place.vId, name: place.vName! } : null,
      month,
      series,
      children: names.flatMap((n) => {
        const figures = children.get(n.id);
        return figures ? [{ ...n, figures }] : [];
      }),
      targets: TARGETS,
    };
  });

  app.get(`${base}/stats/report`, async (request) => {
    const { countyId } = countyParams.parse(request.params);
    return buildMonthlyReport(db, countyId, reportQuery.parse(request.query).month, now());
  });
  app.get(`${base}/stats/report.xlsx`, async (request, reply) => {
    const { countyId } = countyParams.parse(request.params);
    const report = await buildMonthlyReport(db, countyId, reportQuery.parse(request.query).month, now());
    void reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(reportFileName(report, 'xlsx')));
    return reportXlsx(report);
  });
  app.get(`${base}/stats/report.csv`, async (request, reply) => {
    const { countyId } = countyParams.parse(request.params);
    const report = await buildMonthlyReport(db, countyId, reportQuery.parse(request.query).month, now());
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(reportFileName(report, 'csv')));
    return reportCsv(report);
  });

  app.get(`${base}/places`, async (request) => {
    const { countyId } = countyParams.parse(request.params);
    const rows = await db.query<{ tId: string; tName: string; vId: string; vName: string }>(
      `SELECT t.id AS "tId", t.name AS "tName", v.id AS "vId", v.name AS "vName"
       FROM townships t JOIN villages v ON v.township_id = t.id
       WHERE t.county_id = $1 ORDER BY t.code, t.id, v.id`,
      [countyId],
    );
    const townships: (NamedRef & { villages: NamedRef[] })[] = [];
    for (const r of rows) {
      if (townships.at(-1)?.id !== r.tId) townships.push({ id: r.tId, name: r.tName, villages: [] });
      townships.at(-1)!.villages.push({ id: r.vId, name: r.vName });
    }
    return townships;
  });

  app.get(`${base}/terminals`, async (request) => {
    const { countyId } = countyParams.parse(request.params);
    const q = listQuery.parse(request.query);
    return db.query(
      `SELECT d.id, d.name, d.village_id AS "villageId", v.name AS "villageName", t.name AS "townshipName",
              d.created_at AS "createdAt", d.last_seen_at AS "lastSeenAt", d.revoked_at AS "revokedAt",
              d.app_version AS "appVersion", d.pending_backlog AS "pendingBacklog",
              d.backlog_reported_at AS "backlogReportedAt"
       FROM devices d JOIN villages v ON v.id = d.village_id JOIN townships t ON t.id = d.township_id
       WHERE d.county_id = $1 AND ($2::text IS NULL OR d.village_id = $2)
       ORDER BY t.code, v.id, d.created_at LIMIT $3 OFFSET $4`,
      [countyId, q.villageId ?? null, q.limit, q.offset],
    );
  });

  app.get(`${base}/parcel-manifests`, async (request) => {
    const { countyId } = countyParams.parse(request.params);
    const q = listQuery.parse(request.query);
    return db.query(
      `SELECT m.waybill, m.village_id AS "villageId", v.name AS "villageName", m.carrier, m.phone,
              m.recipient_name AS "recipientName", ${isoSql('m.expected_at')} AS "expectedAt",
              m.parcel_id AS "parcelId", m.uploaded_at AS "uploadedAt"
       FROM parcel_manifests m JOIN villages v ON v.id = m.village_id
       WHERE m.county_id = $1 AND ($2::text IS NULL OR m.village_id = $2)
         AND ($3::text IS NULL OR ($3 = 'arrived') = (m.parcel_id IS NOT NULL))
       ORDER BY m.uploaded_at DESC, m.waybill LIMIT $4 OFFSET $5`,
      [countyId, q.villageId ?? null, q.status ?? null, q.limit, q.offset],
    );
  });

  app.get(`${base}/parcels`, async (request) => {
    const { countyId } = countyParams.parse(request.params);
    const q = listQuery.parse(request.query);
    return db.query(
      `SELECT p.id, p.village_id AS "villageId", v.name AS "villageName", p.waybill, p.carrier, p.phone,
              p.status, p.stored_at AS "storedAt", p.collected_at AS "collectedAt", p.received_at AS "receivedAt"
       FROM parcels p JOIN villages v ON v.id = p.village_id
       WHERE p.county_id = $1 AND ($2::text IS NULL OR p.village_id = $2) AND ($3::text IS NULL OR p.status = $3)
       ORDER BY p.received_at DESC, p.id LIMIT $4 OFFSET $5`,
      [countyId, q.villageId ?? null, q.status ?? null, q.limit, q.offset],
    );
  });

  app.get(`${base}/shipments`, async (request) => {
    const { countyId } = countyParams.parse(request.params);
    const q = listQuery.parse(request.query);
    return db.query(
      `SELECT s.id, s.village_id AS "villageId", v.name AS "villageName", s.carrier, s.weight_grams AS "weightGrams",
              s.fee_fen AS "feeFen", s.status, s.recipient, s.received_at AS "receivedAt"
       FROM shipments s JOIN villages v ON v.id = s.village_id
       WHERE s.county_id = $1 AND ($2::text IS NULL OR s.village_id = $2) AND ($3::text IS NULL OR s.status = $3)
       ORDER BY s.received_at DESC, s.id LIMIT $4 OFFSET $5`,
      [countyId, q.villageId ?? null, q.status ?? null, q.limit, q.offset],
    );
  });

  app.get(`${base}/job-records`, async (request) =>
    listJobRecords(db, countyParams.parse(request.params).countyId, jobRecordQuery.parse(request.query)),
  );
  app.post(`${base}/job-records`, async (request, reply) => {
    const { countyId } = countyParams.parse(request.params);
    const row = await addJobRecord(db, countyId, jobRecordBody.parse(request.body), now());
    reply.code(201);
    return row;
  });
  app.delete(`${base}/job-records/:id`, async (request, reply) => {
    const { countyId, id } = countyParams.extend({ id: adminId }).parse(request.params);
    await deleteJobRecord(db, countyId, id);
    reply.code(204);
  });

  done();
}
