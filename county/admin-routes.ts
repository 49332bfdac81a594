/**
 * The county admin API (bearer admin token, checked by the scope server.ts registers this in).
 * County-owned resources live under /api/v1/admin/counties/:countyId/…: one deployment may hold
 * several counties (the demonstration province), and every write names the county it changes.
 * Every publishing write also writes its change feed rows in the same transaction (feed.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../common/logger';
import {
  adminId,
  categoryBody,
  deliveryNoteBody,
  deliveryNoteQuery,
  enrollmentCodeBody,
  itemBody,
  itemPatch,
  itemQuery,
  manifestBody,
  noticeBody,
  operatorAccountBody,
  operatorAccountPatch,
  operatorQuery,
  orderQuery,
  orderStatusBody,
  shipmentEventBody,
  traceRecordBody,
  villageSettingsBody,
} from './admin-contract';
import { getItem, listCategories, listItems, patchItem, putItem, upsertCategory } from './catalogue';
import { importCatalogueFile } from './catalogue-import';
import type { Db } from './db';
import { listDevices, revokeDevice } from './devices';
import { issueEnrollmentCode, listEnrollmentCodes } from './enrollment';
import { listCashDays, listShopSales } from './cash-days';
import { createDeliveryNote, listDeliveryNotes } from './deliveries';
import { importExportFile } from './export-import';
import { CountyError } from './http-contract';
import { readManifestCsv, uploadManifest } from './manifests';
import { createOperator, listOperators, updateOperator } from './operators';
import { villageUsage } from './villagers';
import { getOrder, listOrders, setOrderStatus } from './orders';
import { listParcels, parcelQuery } from './parcels';
import { deleteNotice, listNotices, putNotice, putTraceRecord, putVillageSettings } from './publications';
import { registerRequestRoutes } from './requests-routes';
import { getShipment, recordShipmentEvent } from './shipments';
import { statsRoutes } from './stats-routes';

export interface AdminRoutesOptions {
  db: Db;
  now: () => Date;
  logger: Logger;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Spreadsheets and export files are bigger than sync batches. */
export const IMPORT_LIMIT_BYTES = 32 * 1024 * 1024;

const countyParams = z.object({ countyId: adminId });
const withId = countyParams.extend({ id: z.string().trim().min(1).max(64) });

export function adminRoutes(
  app: FastifyInstance,
  opts: AdminRoutesOptions,
  done: (err?: Error) => void,
): void {
  const { db, now } = opts;
  const base = '/api/v1/admin/counties/:countyId';

  app.addContentTypeParser(['text/csv', XLSX_TYPE], { parseAs: 'buffer' }, (_request, body, next) =>
    next(null, body),
  );

  // Every county route first checks the county exists, so a typo is 404 rather than an empty list.
  app.addHook('preHandler', async (request) => {
    const params = request.params as { countyId?: string };
    if (params.countyId === undefined) return;
    const [county] = await db.query('SELECT 1 FROM counties WHERE id = $1', [params.countyId]);
    if (!county)
      throw new CountyError('NOT_FOUND', `县 ${params.countyId} 不存在 / no county ${params.countyId}`);
  });

  app.get('/api/v1/admin/counties', async () =>
    db.query(`SELECT c.id, c.name, c.city, (SELECT count(*) FROM villages v WHERE v.county_id = c.id) AS villages
              FROM counties c ORDER BY c.code`),
  );

  // ---------------------------------------------------------------- catalogue
  app.get(`${base}/categories`, async (request) =>
    listCategories(db, countyParams.parse(request.params).countyId),
  );
  app.put(`${base}/categories/:id`, async (request) => {
    const { countyId, id } = withId.extend({ id: adminId }).parse(request.params);
    return upsertCategory(db, countyId, id, categoryBody.parse(request.body));
  });
  app.get(`${base}/items`, async (request) =>
    listItems(db, countyParams.parse(request.params).countyId, itemQuery.parse(request.query)),
  );
  app.get(`${base}/items/:id`, async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return getItem(db, countyId, id);
  });
  app.put(`${base}/items/:id`, async (request, reply) => {
    const { countyId, id } = withId.extend({ id: adminId }).parse(request.params);
    const item = await putItem(db, countyId, { id, ...itemBody.parse(request.body) });
    reply.code(item.created ? 201 : 200);
    return item;
  });
  app.patch(`${base}/items/:id`, async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return patchItem(db, countyId, id, itemPatch.parse(request.body));
  });
  app.post(`${base}/items/import`, { bodyLimit: IMPORT_LIMIT_BYTES }, async (request) => {
    const { countyId } = countyParams.parse(request.params);
    const type = request.headers['content-type']?.split(';')[0]?.trim();
    if (!Buffer.isBuffer(request.body) || (type !== 'text/csv' && type !== XLSX_TYPE)) {
      throw new CountyError('UNSUPPORTED_MEDIA_TYPE', `send the file as text/csv or ${XLSX_TYPE}`);
    }
    const result = await importCatalogueFile(
      db,
      countyId,
      type === 'text/csv' ? 'csv' : 'xlsx',
      request.body,
    );
    request.log.info({ countyId, ...result }, 'catalogue imported');
    return result;
  });

  // ---------------------------------------------------------------- notices, trace, village settings
  app.get(`${base}/notices`, async (request) => listNotices(db, countyParams.parse(request.params).countyId));
  app.post(`${base}/notices`, async (request, reply) => {
    const notice = await putNotice(
      db,
      countyParams.parse(request.params).countyId,
      undefined,
      noticeBody.parse(request.body),
      now(),
    );
    reply.code(201);
    return notice;
  });
  app.put(`${base}/notices/:id`, async (request) => {
    const { countyId, id } = withId.extend({ id: adminId }).parse(request.params);
    return putNotice(db, countyId, id, noticeBody.parse(request.body), now());
  });
  app.delete(`${base}/notices/:id`, async (request, reply) => {
    const { countyId, id } = withId.parse(request.params);
    await deleteNotice(db, countyId, id);
    reply.code(204);
  });
  app.put(`${base}/trace-records/:id`, async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return putTraceRecord(db, countyId, id, traceRecordBody.parse(request.body));
  });
  app.put(`${base}/villages/:id/settings`, async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return putVillageSettings(db, countyId, id, villageSettingsBody.parse(request.body));
  });

  // ---------------------------------------------------------------- operator accounts (issue 7)
  // Registered villagers, trainings and trainees per village: what the province asks of the points.
  app.get(`${base}/villager-usage`, async (request) =>
    villageUsage(db, countyParams.parse(request.params).countyId),
  );
  app.get(`${base}/operators`, async (request) =>
    listOperators(
      db,
      countyParams.parse(request.params).countyId,
      operatorQuery.parse(request.query).villageId,
    ),
  );
  app.post(`${base}/operators`, async (request, reply) => {
    const { countyId } = countyParams.parse(request.params);
    const account = await createOperator(db, countyId, operatorAccountBody.parse(request.body), now());
    request.log.info({ countyId, operatorId: account.id, villageId: account.villageId }, 'operator created');
    reply.code(201);
    return account;
  });
  app.patch(`${base}/operators/:id`, async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return updateOperator(db, countyId, id, operatorAccountPatch.parse(request.body));
  });

  // ---------------------------------------------------------------- shop delivery notes (issue 7)
  app.get(`${base}/delivery-notes`, async (request) =>
    listDeliveryNotes(
      db,
      countyParams.parse(request.params).countyId,
      deliveryNoteQuery.parse(request.query).villageId,
    ),
  );
  app.post(`${base}/delivery-notes`, async (request, reply) => {
    const { countyId } = countyParams.parse(request.params);
    const note = await createDeliveryNote(db, countyId, deliveryNoteBody.parse(request.body), now());
    request.log.info({ countyId, noteId: note.id, villageId: note.villageId }, 'delivery note published');
    reply.code(201);
    return note;
  });
  app.get(`${base}/cash-days`, async (request) =>
    listCashDays(
      db,
      countyParams.parse(request.params).countyId,
      deliveryNoteQuery.parse(request.query).villageId,
    ),
  );
  app.get(`${base}/shop-sales`, async (request) =>
    listShopSales(
      db,
      countyParams.parse(request.params).countyId,
      deliveryNoteQuery.parse(request.query).villageId,
    ),
  );

  // ---------------------------------------------------------------- enrollment and devices
  app.get(`${base}/enrollment-codes`, async (request) =>
    listEnrollmentCodes(db, countyParams.parse(request.params).countyId),
  );
  app.post(`${base}/enrollment-codes`, async (request, reply) => {
    const { countyId } = countyParams.parse(request.params);
    const body = enrollmentCodeBody.parse(request.body);
    const issued = await issueEnrollmentCode(db, { countyId, ...body, now: now() });
    request.log.info({ codeId: issued.id, villageId: issued.villageId }, 'enrollment code issued');
    reply.code(201);
    return issued;
  });
  app.get(`${base}/devices`, async (request) => listDevices(db, countyParams.parse(request.params).countyId));
  app.post('/api/v1/admin/devices/:id/revoke', async (request) => {
    const { id } = z.object({ id: z.string().min(1).max(64) }).parse(request.params);
    if (!(await revokeDevice(db, id))) {
      throw new CountyError('NOT_FOUND', `终端 ${id} 不存在或已停用 / no such device, or already revoked`);
    }
    request.log.info({ deviceId: id }, 'device revoked');
    return { deviceId: id, revoked: true };
  });

  // ---------------------------------------------------------------- parcels and orders
  app.post(`${base}/parcel-manifests`, { bodyLimit: IMPORT_LIMIT_BYTES }, async (request) => {
    const { countyId } = countyParams.parse(request.params);
    if (Buffer.isBuffer(request.body)) {
      const { villageId } = z.object({ villageId: adminId }).parse(request.query);
      return uploadManifest(db, countyId, villageId, readManifestCsv(request.body));
    }
    const body = manifestBody.parse(request.body);
    return uploadManifest(db, countyId, body.villageId, body.parcels);
  });
  app.get(`${base}/orders`, async (request) =>
    listOrders(db, countyParams.parse(request.params).countyId, orderQuery.parse(request.query)),
  );
  // One waybill's parcel records with their SMS state (the list by village is in stats-routes.ts).
  app.get(`${base}/parcels/waybill/:waybill`, async (request) => {
    const { countyId, waybill } = countyParams
      .extend({ waybill: z.string().trim().min(1).max(40) })
      .parse(request.params);
    return listParcels(db, countyId, parcelQuery.parse({ ...(request.query as object), waybill }));
  });
  app.get(`${base}/orders/:id`, async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return getOrder(db, countyId, id);
  });
  app.post(`${base}/orders/:id/status`, async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return setOrderStatus(db, countyId, id, orderStatusBody.parse(request.body));
  });
  app.get(`${base}/shipments/:id`, async (request) => {
    const { countyId, id } = withId.parse(request.params);
    return getShipment(db, countyId, id);
  });
  app.post(`${base}/shipments/:id/events`, async (request, reply) => {
    const { countyId, id } = withId.parse(request.params);
    const body = shipmentEventBody.parse(request.body);
    const shipment = await recordShipmentEvent(db, countyId, id, body, now());
    reply.code(201);
    return shipment;
  });

  // ---------------------------------------------------------------- villager requests (代销, 缴费, 订票, 退换)
  registerRequestRoutes(app, db, base);

  // ---------------------------------------------------------------- statistics, monthly report, console lists
  void app.register(statsRoutes, { db, now });

  // ---------------------------------------------------------------- what came back from kiosks
  app.get(`${base}/rejected-mutations`, async (request) =>
    db.query(
      `SELECT device_id AS "deviceId", mutation_id AS "mutationId", village_id AS "villageId", seq, type,
              reason, received_at AS "receivedAt", source
       FROM mutation_log WHERE county_id = $1 AND status = 'rejected' ORDER BY received_at DESC LIMIT 500`,
      [countyParams.parse(request.params).countyId],
    ),
  );
  app.get(`${base}/security-events`, async (request) =>
    db.query(
      `SELECT id, kind, village_id AS "villageId", device_id AS "deviceId", ip, method, url, detail, at
       FROM security_events WHERE county_id = $1 ORDER BY at DESC, id DESC LIMIT 500`,
      [countyParams.parse(request.params).countyId],
    ),
  );
  app.post('/api/v1/admin/imports/kiosk-export', { bodyLimit: IMPORT_LIMIT_BYTES }, async (request) =>
    importExportFile(db, request.body, opts.logger),
  );

  done();
}
