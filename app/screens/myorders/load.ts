import type { KioskDb } from '../../store/db';
import { compareRecords, type MyRecord, type RecordKind, type RecordSource } from './sources';

export interface Gathered {
  records: MyRecord[];
  /** Kinds whose source failed to read: the screen says so instead of pretending there is nothing. */
  failed: RecordKind[];
}

/** Every source's records for the phone, newest first; one failing source does not hide the rest. */
export async function gatherRecords(
  db: KioskDb,
  phone: string,
  sources: readonly RecordSource[],
): Promise<Gathered> {
  const results = await Promise.allSettled(sources.map((s) => s.load(db, phone)));
  const records: MyRecord[] = [];
  const failed: RecordKind[] = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') records.push(...r.value);
    else failed.push(sources[i]!.kind);
  });
  return { records: records.sort(compareRecords), failed };
}
