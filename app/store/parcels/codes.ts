/**
 * Pickup codes and shelf codes.
 *
 * Invariants:
 * - A pickup code is 6 digits drawn from the platform's cryptographic random source (never
 *   Math.random: codes are the only thing between a parcel and anyone at the kiosk).
 * - It is unique among the point's parcels that still wait (stored or opening): intake.ts draws a few
 *   candidates, hashes them, and takes the first no waiting parcel holds, inside the storing transaction.
 * - Only `hashCode(salt, code)` is kept. The salt is random per device and kept in `meta`, so a copy
 *   of the database alone does not give codes away by a lookup table shared across devices.
 */
export const CODE_LENGTH = 6;
const CODE_SPACE = 10 ** CODE_LENGTH;

export type RandomSource = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array;
export const cryptoRandom: RandomSource = (bytes) => globalThis.crypto.getRandomValues(bytes);

/** A uniformly distributed 6-digit code (rejection sampling: no modulo bias). */
export function randomCode(random: RandomSource = cryptoRandom): string {
  const limit = Math.floor(2 ** 32 / CODE_SPACE) * CODE_SPACE;
  for (;;) {
    const b = random(new Uint8Array(4));
    const n = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (n < limit) return String(n % CODE_SPACE).padStart(CODE_LENGTH, '0');
  }
}

export const isPickupCode = (s: string): boolean => /^\d{6}$/.test(s);

const hex = (buf: ArrayBuffer): string =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** hex SHA-256 of `salt:code` (WebCrypto, available in the kiosk page and in Node). */
export async function hashCode(salt: string, code: string): Promise<string> {
  const data = new TextEncoder().encode(`${salt}:${code}`);
  return hex(await globalThis.crypto.subtle.digest('SHA-256', data));
}

export function newSalt(random: RandomSource = cryptoRandom): string {
  return [...random(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What the slip's QR code carries, in the kiosk's scan format (app/platform/scans.ts):
 * `VPK1:P:<villageId>:<code>`. ASCII only. The village id lets a scan at another point be told apart.
 */
export const qrPayload = (code: string, villageId = '0'): string => `VPK1:P:${villageId}:${code}`;

const PICKUP_QR = /^VPK1:P:[A-Za-z0-9-]{1,40}:(\d{6})$/i;

/** The code in a scanned QR payload or a bare 6-digit scan, or undefined when the scan is something else. */
export function codeFromScan(scan: string): string | undefined {
  const s = scan.trim();
  const qr = PICKUP_QR.exec(s);
  if (qr) return qr[1];
  return isPickupCode(s) ? s : undefined;
}

/**
 * Shelf codes `rack-layer-number` (3-1-3001): the rack and layer the operator put it on, and a
 * running number per device so two parcels on one layer never share a code. The number starts at
 * rack × 1000 + 1 for readability (rack 3 → 3001, 3002…) and keeps counting past it.
 */
export const SHELF_CODE = /^(\d{1,2})-(\d{1,2})-(\d{1,6})$/;

export function shelfCode(rack: number, layer: number, serial: number): string {
  if (!Number.isInteger(rack) || rack < 1 || rack > 99) throw new RangeError(`rack 1–99: ${rack}`);
  if (!Number.isInteger(layer) || layer < 1 || layer > 99) throw new RangeError(`layer 1–99: ${layer}`);
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError(`serial ≥ 1: ${serial}`);
  return `${rack}-${layer}-${rack * 1000 + serial}`;
}

export const isShelfCode = (s: string): boolean => SHELF_CODE.test(s);
