/**
 * Photos taken by the terminal camera (代销 produce, 代换代退 damaged goods). They stay on the kiosk:
 * the protocol carries only the photo id (the county asks the point for the picture when it needs
 * it), so a 3G link never carries images. Bytes are stored as an ArrayBuffer with their type, which
 * every IndexedDB (and fake-indexeddb in tests) clones, unlike some Blob implementations.
 *
 * A photo is written by the flow that uses it, inside that flow's transaction (`photoTables`,
 * `putPhoto`), so a listing never names a photo that was not kept, and an abandoned one leaves nothing.
 */
import type { KioskDb } from './db';

export interface PhotoRow {
  id: string;
  mime: string; // 'image/jpeg'
  bytes: ArrayBuffer;
  takenAt: string; // device time, display only
}

/** A captured picture not yet saved (the screen holds it until the villager submits). */
export interface CapturedPhoto {
  mime: string;
  bytes: ArrayBuffer;
}

/** A JPEG of the camera's frame at 1280 px is ~200 KB; anything past 3 MB is not a photo we took. */
export const MAX_PHOTO_BYTES = 3 * 1024 * 1024;

export const photoTables = ['photos'] as const;

export function checkPhoto(photo: CapturedPhoto): 'type' | 'size' | undefined {
  if (!/^image\/(jpeg|png|webp)$/.test(photo.mime)) return 'type';
  if (photo.bytes.byteLength === 0 || photo.bytes.byteLength > MAX_PHOTO_BYTES) return 'size';
  return undefined;
}

/** Must run inside a transaction that includes `photos`. */
export async function putPhoto(db: KioskDb, id: string, photo: CapturedPhoto, at: Date): Promise<void> {
  const problem = checkPhoto(photo);
  if (problem) throw new RangeError(`photo refused: ${problem}`);
  await db.photos.add({ id, mime: photo.mime, bytes: photo.bytes, takenAt: at.toISOString() });
}

export const photoById = (db: KioskDb, id: string): Promise<PhotoRow | undefined> => db.photos.get(id);
