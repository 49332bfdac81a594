/**
 * Notices (信息发布) as the county publishes them, in the order the kiosk shows them.
 *
 * Order: urgent first (a flood warning or a fake-fertiliser alert must not sit under a promotion),
 * then pinned, then newest. Within equal rank and time the id decides, so two kiosks with the same
 * notices list them identically. The county stamps `publishedAt`; device clocks play no part.
 */
import type { KioskDb, Pulled } from './db';

export type NoticeRow = Pulled<'notice'>;

export function compareNotices(a: NoticeRow, b: NoticeRow): number {
  return (
    Number(b.urgent) - Number(a.urgent) ||
    Number(b.pinned) - Number(a.pinned) ||
    Date.parse(b.publishedAt) - Date.parse(a.publishedAt) ||
    a.id.localeCompare(b.id)
  );
}

/** Every notice, in display order. A county publishes tens, not thousands: sorting in memory is fine. */
export async function noticesInOrder(db: KioskDb): Promise<NoticeRow[]> {
  return (await db.notices.toArray()).sort(compareNotices);
}

export const noticeById = (db: KioskDb, id: string): Promise<NoticeRow | undefined> => db.notices.get(id);
