/**
 * Import of a kiosk's offline export (the USB stick, §5): `npm run county -- import FILE` or the
 * admin API. The mutations go through the same exactly-once path as a push (push.ts), keyed by the
 * device and mutation ids in the file, so importing a file twice, or importing it and then letting
 * the kiosk push the same mutations when its link returns, applies each mutation once.
 *
 * A revoked device's file is accepted: a terminal that broke is the usual reason to export. The file
 * must name the device's real village, or nothing is imported.
 */
import type { Logger } from '../common/logger';
import { exportFileSchema, majorOf, PROTOCOL_MAJOR, type Ack } from '../sync/protocol';
import type { Db } from './db';
import { CountyError } from './http-contract';
import { pushMutations, summarise, type PushSummary } from './push';

export interface ImportExportResult extends PushSummary {
  deviceId: string;
  villageId: string;
  mutations: number;
  acks: Ack[];
}

export async function importExportFile(db: Db, file: unknown, logger: Logger): Promise<ImportExportResult> {
  const parsed = exportFileSchema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CountyError(
      'BAD_REQUEST',
      `不是终端导出文件 / not a kiosk export file: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  const data = parsed.data;
  if (majorOf(data.protocol) !== PROTOCOL_MAJOR) {
    throw new CountyError(
      'UNSUPPORTED_PROTOCOL',
      `导出文件协议 ${data.protocol} 不受支持 / unsupported protocol`,
    );
  }
  const [device] = await db.query<{ id: string; countyId: string; villageId: string }>(
    'SELECT id, county_id AS "countyId", village_id AS "villageId" FROM devices WHERE id = $1',
    [data.deviceId],
  );
  if (!device) throw new CountyError('NOT_FOUND', `终端 ${data.deviceId} 未注册 / unknown device`);
  if (device.villageId !== data.villageId) {
    throw new CountyError(
      'FORBIDDEN',
      `文件的村 ${data.villageId} 与终端不符 / the file names another village`,
    );
  }
  const acks =
    data.mutations.length === 0 ? [] : await pushMutations(db, device, data.mutations, 'import', logger);
  const summary = summarise(acks);
  logger.info({ deviceId: device.id, exportedAt: data.exportedAt, ...summary }, 'export file imported');
  return {
    deviceId: device.id,
    villageId: device.villageId,
    mutations: data.mutations.length,
    ...summary,
    acks,
  };
}
