/**
 * The USB-stick fallback (ARCHITECTURE.md §5): every unacknowledged outbox row in a file that
 * `npm run county -- import FILE` applies under the same exactly-once rule as a push (the county
 * dedupes by device and mutation id, so exporting rows that later sync anyway is harmless).
 */
import type { KioskDb } from '../app/store/db';
import { unsyncedMutations } from '../app/store/push-store';
import { toEnvelope } from './engine-cycle';
import type { SyncLogger } from './engine-types';
import { describeError, syncError, type SyncResult } from './errors';
import { PROTOCOL_VERSION, exportFileSchema, mutationEnvelopeSchema, type ExportFile } from './protocol';
import type { DeviceIdentity } from './transport';

export async function buildExportFile(
  db: KioskDb,
  device: DeviceIdentity | undefined,
  now: number,
  logger: SyncLogger,
): Promise<SyncResult<ExportFile>> {
  // The county keys mutations by device: without knowing which device this is, the file is useless.
  if (!device) return { ok: false, error: syncError('NOT_IDENTIFIED') };
  try {
    const rows = await unsyncedMutations(db);
    // A row with an invalid envelope would make the county refuse the whole file; the next push
    // moves it to `rejected` with its reason instead.
    const mutations = rows.map(toEnvelope).filter((m) => mutationEnvelopeSchema.safeParse(m).success);
    if (mutations.length < rows.length) {
      logger.warn({ left: rows.length - mutations.length }, 'export left out rows with invalid envelopes');
    }
    const file = exportFileSchema.parse({
      format: 'vpk-unsynced-export',
      protocol: PROTOCOL_VERSION,
      deviceId: device.deviceId,
      villageId: device.villageId,
      exportedAt: new Date(now).toISOString(),
      mutations,
    });
    return { ok: true, value: file };
  } catch (err) {
    return { ok: false, error: syncError('STORAGE', describeError(err)) };
  }
}
