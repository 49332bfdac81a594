/**
 * The county administration commands of `npm run county -- <command>`: the same operations as the
 * admin API (admin-routes.ts), with the same input schemas, for staff at the county centre's shell.
 *
 * `--county` may be left out when it is clear: a command that names a village takes the village's
 * county, and a database that holds one county uses it.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../common/logger';
import {
  adminId,
  itemBody,
  itemPatch,
  noticeBody,
  operatorAccountBody,
  operatorAccountPatch,
  orderQuery,
  orderStatusBody,
  orderStatuses,
} from './admin-contract';
import { getItem, patchItem, putItem, upsertCategory } from './catalogue';
import { importCatalogueFile } from './catalogue-import';
import type { Db } from './db';
import { listDevices, revokeDevice } from './devices';
import { issueEnrollmentCode } from './enrollment';
import { importExportFile } from './export-import';
import { CountyError } from './http-contract';
import { readManifestCsv, uploadManifest } from './manifests';
import { createOperator, listOperators, updateOperator } from './operators';
import { listOrders, setOrderStatus } from './orders';
import { deleteNotice, putNotice } from './publications';

export const ADMIN_USAGE = `county administration (--county ID may be left out when the database has one county):
  enrollment-code --village ID [--hours H] [--note TEXT]
                                        issue a one-time code for a village terminal; shown once
  devices                               terminals with their last-seen time
  revoke-device --device ID             stop a terminal's token from working
  catalogue-import FILE                 items from a .csv or .xlsx file: all rows or none
  item --id ID [--name N] [--category ID] [--spec S] [--unit U] [--price-fen N] [--barcode B]
       [--active yes|no]                create an item (name, category, spec, unit, price) or change one
  category --id ID --name N --name-en E --icon KEY [--sort N]
  notice [--id ID] --title T --body B [--category agri|policy|service|safety] [--pinned] [--urgent]
  notice-delete --id ID
  manifest-import FILE --village ID     a carrier's parcel list (CSV: waybill,carrier,phone,...)
  orders [--village ID] [--status S] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  order-status --order ID --status S [--note TEXT] [--settled-fen N]
                                        S: ${orderStatuses.join(' ')}
  import FILE                           a kiosk's offline export file (each record applied once)
  operator-add --village ID --name N --pin 6DIGITS [--role operator|technician]
                                        an operator account, synced to that village's terminals
  operators [--village ID]              operator accounts (never their PINs)
  operator-set --id ID [--pin 6DIGITS] [--role R] [--active yes|no]
                                        a new PIN, role, or 停用/启用`;

/** Every flag an admin command may take (parseArgs needs them declared). */
export const ADMIN_OPTIONS = {
  county: { type: 'string' },
  device: { type: 'string' },
  hours: { type: 'string' },
  note: { type: 'string' },
  id: { type: 'string' },
  category: { type: 'string' },
  spec: { type: 'string' },
  unit: { type: 'string' },
  'price-fen': { type: 'string' },
  barcode: { type: 'string' },
  active: { type: 'string' },
  'name-en': { type: 'string' },
  icon: { type: 'string' },
  sort: { type: 'string' },
  title: { type: 'string' },
  body: { type: 'string' },
  pinned: { type: 'boolean' },
  urgent: { type: 'boolean' },
  status: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  order: { type: 'string' },
  'settled-fen': { type: 'string' },
  role: { type: 'string' },
  pin: { type: 'string' },
} as const;

const county = { county: adminId.optional() };
const file = z.string({ error: 'FILE is required' }).min(1, 'FILE is required');
const int = z.coerce.number().int();

export const adminCommandSchema = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('enrollment-code'),
    ...county,
    village: adminId,
    hours: int.min(1).max(720).optional(),
    note: z.string().max(200).optional(),
  }),
  z.strictObject({ command: z.literal('devices'), ...county }),
  z.strictObject({ command: z.literal('revoke-device'), device: z.string().min(1).max(64) }),
  z.strictObject({ command: z.literal('catalogue-import'), ...county, file }),
  z.strictObject({
    command: z.literal('item'),
    ...county,
    id: adminId,
    name: z.string().optional(),
    category: adminId.optional(),
    spec: z.string().optional(),
    unit: z.string().optional(),
    'price-fen': int.optional(),
    barcode: z.string().optional(),
    active: z.enum(['yes', 'no']).optional(),
  }),
  z.strictObject({
    command: z.literal('category'),
    ...county,
    id: adminId,
    name: z.string(),
    'name-en': z.string(),
    icon: z.string(),
    sort: int.optional(),
  }),
  z.strictObject({
    command: z.literal('notice'),
    ...county,
    id: adminId.optional(),
    title: z.string(),
    body: z.string(),
    category: z.string().default('service'),
    pinned: z.boolean().optional(),
    urgent: z.boolean().optional(),
  }),
  z.strictObject({ command: z.literal('notice-delete'), ...county, id: adminId }),
  z.strictObject({ command: z.literal('manifest-import'), ...county, file, village: adminId }),
  z.strictObject({
    command: z.literal('orders'),
    ...county,
    village: adminId.optional(),
    status: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  }),
  z.strictObject({
    command: z.literal('order-status'),
    ...county,
    order: z.string().min(1),
    status: z.string(),
    note: z.string().optional(),
    'settled-fen': int.optional(),
  }),
  z.strictObject({ command: z.literal('import'), file }),
  z.strictObject({
    command: z.literal('operator-add'),
    ...county,
    village: adminId,
    name: z.string(),
    pin: z.string({ error: '--pin 6DIGITS is required' }),
    role: z.string().optional(),
  }),
  z.strictObject({ command: z.literal('operators'), ...county, village: adminId.optional() }),
  z.strictObject({
    command: z.literal('operator-set'),
    ...county,
    id: adminId,
    pin: z.string().optional(),
    role: z.string().optional(),
    active: z.enum(['yes', 'no']).optional(),
  }),
]);

export type AdminCommand = z.infer<typeof adminCommandSchema>;
export const adminCommands: readonly string[] = adminCommandSchema.options.map((o) => o.shape.command.value);

/** The county a command works on: --county, else the village's, else the only one. */
async function resolveCounty(db: Db, cmd: { county?: string | undefined; village?: string | undefined }) {
  if (cmd.county !== undefined) return cmd.county;
  if (cmd.village !== undefined) {
    const [v] = await db.query<{ county_id: string }>('SELECT county_id FROM villages WHERE id = $1', [
      cmd.village,
    ]);
    if (!v) throw new CountyError('VILLAGE_NOT_FOUND', `村 ${cmd.village} 不存在 / no such village`);
    return v.county_id;
  }
  const counties = await db.query<{ id: string }>('SELECT id FROM counties ORDER BY id');
  if (counties.length === 1) return counties[0]!.id;
  throw new CountyError(
    'BAD_REQUEST',
    `请用 --county 指定县 / name the county with --county: ${counties.map((c) => c.id).join(' ')}`,
  );
}

function fileKind(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new CountyError('BAD_REQUEST', `只支持 .csv 和 .xlsx / only .csv and .xlsx files: ${path}`);
}

export async function runAdminCommand(
  db: Db,
  cmd: AdminCommand,
  logger: Logger,
  now = new Date(),
): Promise<unknown> {
  switch (cmd.command) {
    case 'enrollment-code': {
      const countyId = await resolveCounty(db, cmd);
      return issueEnrollmentCode(db, {
        countyId,
        villageId: cmd.village,
        ttlHours: cmd.hours,
        note: cmd.note ?? null,
        now,
      });
    }
    case 'devices':
      return listDevices(db, await resolveCounty(db, cmd));
    case 'revoke-device':
      if (!(await revokeDevice(db, cmd.device)))
        throw new CountyError(
          'NOT_FOUND',
          `终端 ${cmd.device} 不存在或已停用 / no such device, or already revoked`,
        );
      return { deviceId: cmd.device, revoked: true };
    case 'catalogue-import':
      return importCatalogueFile(
        db,
        await resolveCounty(db, cmd),
        fileKind(cmd.file),
        readFileSync(cmd.file),
      );
    case 'item': {
      const countyId = await resolveCounty(db, cmd);
      const fields = {
        ...(cmd.name !== undefined ? { name: cmd.name } : {}),
        ...(cmd.category !== undefined ? { categoryId: cmd.category } : {}),
        ...(cmd.spec !== undefined ? { spec: cmd.spec } : {}),
        ...(cmd.unit !== undefined ? { unit: cmd.unit } : {}),
        ...(cmd['price-fen'] !== undefined ? { priceFen: cmd['price-fen'] } : {}),
        ...(cmd.barcode !== undefined ? { barcode: cmd.barcode } : {}),
        ...(cmd.active !== undefined ? { active: cmd.active === 'yes' } : {}),
      };
      const exists = await getItem(db, countyId, cmd.id).then(
        () => true,
        (err: unknown) => {
          if (err instanceof CountyError && err.code === 'NOT_FOUND') return false;
          throw err;
        },
      );
      return exists
        ? patchItem(db, countyId, cmd.id, itemPatch.parse(fields))
        : putItem(db, countyId, { id: cmd.id, ...itemBody.parse(fields) });
    }
    case 'category':
      return upsertCategory(db, await resolveCounty(db, cmd), cmd.id, {
        name: cmd.name,
        nameEn: cmd['name-en'],
        icon: cmd.icon,
        sort: cmd.sort ?? 0,
      });
    case 'notice': {
      const body = noticeBody.parse({
        title: cmd.title,
        body: cmd.body,
        category: cmd.category,
        pinned: cmd.pinned ?? false,
        urgent: cmd.urgent ?? false,
      });
      return putNotice(db, await resolveCounty(db, cmd), cmd.id, body, now);
    }
    case 'notice-delete':
      await deleteNotice(db, await resolveCounty(db, cmd), cmd.id);
      return { id: cmd.id, deleted: true };
    case 'manifest-import':
      return uploadManifest(
        db,
        await resolveCounty(db, cmd),
        cmd.village,
        readManifestCsv(readFileSync(cmd.file)),
      );
    case 'orders': {
      const countyId = await resolveCounty(db, cmd);
      const query = orderQuery.parse({
        villageId: cmd.village,
        status: cmd.status,
        from: cmd.from,
        to: cmd.to,
        limit: 1000,
      });
      return listOrders(db, countyId, query);
    }
    case 'order-status': {
      const body = orderStatusBody.parse({
        status: cmd.status,
        note: cmd.note,
        settledTotalFen: cmd['settled-fen'],
      });
      return setOrderStatus(db, await resolveCounty(db, cmd), cmd.order, body);
    }
    case 'import':
      return importExportFile(db, JSON.parse(readFileSync(cmd.file, 'utf8')) as unknown, logger);
    case 'operator-add': {
      const body = operatorAccountBody.parse({
        villageId: cmd.village,
        name: cmd.name,
        pin: cmd.pin,
        ...(cmd.role !== undefined ? { role: cmd.role } : {}),
      });
      return createOperator(db, await resolveCounty(db, cmd), body, now);
    }
    case 'operators':
      return listOperators(db, await resolveCounty(db, cmd), cmd.village);
    case 'operator-set': {
      const patch = operatorAccountPatch.parse({
        ...(cmd.pin !== undefined ? { pin: cmd.pin } : {}),
        ...(cmd.role !== undefined ? { role: cmd.role } : {}),
        ...(cmd.active !== undefined ? { active: cmd.active === 'yes' } : {}),
      });
      // The account id names its county (ids are ULIDs): --county is needed only to disambiguate.
      const [owner] = await db.query<{ county_id: string }>(
        'SELECT county_id FROM operator_accounts WHERE id = $1',
        [cmd.id],
      );
      return updateOperator(
        db,
        cmd.county ?? owner?.county_id ?? (await resolveCounty(db, cmd)),
        cmd.id,
        patch,
      );
    }
    default: {
      const unknown: never = cmd;
      throw new Error(`unhandled admin command ${JSON.stringify(unknown)}`);
    }
  }
}
