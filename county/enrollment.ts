/**
 * One-time enrollment codes (ARCHITECTURE.md §5): the county admin issues a code for a village, the
 * operator types it once at the kiosk, and the kiosk receives its device id and bearer token.
 *
 * Invariants:
 * - The code is shown once, at issue; only its SHA-256 is stored. 8 characters of a 32-letter
 *   alphabet are 40 bits: too few to stop an offline search of a stolen database, which is why codes
 *   also expire (default 72 hours) and are useless once redeemed; online guessing is rate-limited
 *   per address before the code is even looked up (sync-routes.ts).
 * - Redeeming marks the code used and creates the device in ONE transaction, under a row lock on the
 *   code: two kiosks typing the same code at once get one device and one ENROLLMENT_CODE_INVALID.
 * - Times come from the injected clock, so tests can expire a code without sleeping.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { ENROLLMENT_CODE_ALPHABET, type EnrollRequest, type EnrollResponse } from '../sync/protocol';
import type { Db, Queryable } from './db';
import { hashToken, provisionDevice } from './devices';
import { CountyError } from './http-contract';

export const DEFAULT_CODE_TTL_HOURS = 72;

export interface IssuedCode {
  id: string;
  /** Shown once: 'ABCD-EFGH'. The kiosk accepts it with or without the dash. */
  code: string;
  villageId: string;
  expiresAt: string;
}

export interface CodeRow {
  id: string;
  villageId: string;
  note: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  deviceId: string | null;
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ENROLLMENT_CODE_ALPHABET[randomInt(ENROLLMENT_CODE_ALPHABET.length)];
  return code;
}

export async function issueEnrollmentCode(
  db: Queryable,
  opts: { countyId: string; villageId: string; ttlHours?: number; note?: string | null; now: Date },
): Promise<IssuedCode> {
  const ttlHours = opts.ttlHours ?? DEFAULT_CODE_TTL_HOURS;
  const code = newCode();
  const expiresAt = new Date(opts.now.getTime() + ttlHours * 3_600_000);
  const rows = await db.query<{ id: string }>(
    `INSERT INTO enrollment_codes (code_hash, id, county_id, township_id, village_id, note, created_at, expires_at)
     SELECT $1, $2, v.county_id, v.township_id, v.id, $5, $6, $7 FROM villages v
     WHERE v.id = $3 AND v.county_id = $4
     RETURNING id`,
    [hashToken(code), randomUUID(), opts.villageId, opts.countyId, opts.note ?? null, opts.now, expiresAt],
  );
  if (rows.length === 0) {
    throw new CountyError(
      'VILLAGE_NOT_FOUND',
      `村 ${opts.villageId} 不在本县 / no such village in this county`,
    );
  }
  return {
    id: rows[0]!.id,
    code: `${code.slice(0, 4)}-${code.slice(4)}`,
    villageId: opts.villageId,
    expiresAt: expiresAt.toISOString(),
  };
}

export async function listEnrollmentCodes(db: Queryable, countyId: string): Promise<CodeRow[]> {
  return db.query<CodeRow>(
    `SELECT id, village_id AS "villageId", note, created_at AS "createdAt", expires_at AS "expiresAt",
            used_at AS "usedAt", device_id AS "deviceId"
     FROM enrollment_codes WHERE county_id = $1 ORDER BY created_at DESC, id`,
    [countyId],
  );
}

/** Redeems `req.code` (already normalised by enrollRequestSchema). Throws ENROLLMENT_CODE_INVALID. */
export async function redeemEnrollmentCode(db: Db, req: EnrollRequest, now: Date): Promise<EnrollResponse> {
  return db.transaction(async (tx) => {
    const [code] = await tx.query<{ village_id: string }>(
      `SELECT village_id FROM enrollment_codes
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
       FOR UPDATE`,
      [hashToken(req.code), now],
    );
    if (!code) {
      throw new CountyError(
        'ENROLLMENT_CODE_INVALID',
        '注册码无效、已使用或已过期，请向县服务中心索取新码 / the code is wrong, used or expired: ask the county centre for a new one',
      );
    }
    const device = await provisionDevice(tx, code.village_id, req.deviceName);
    await tx.query('UPDATE enrollment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1', [
      hashToken(req.code),
      now,
      device.deviceId,
    ]);
    const [place] = await tx.query<{
      village: string;
      township_id: string;
      township: string;
      county_id: string;
      county: string;
    }>(
      `SELECT v.name AS village, t.id AS township_id, t.name AS township, c.id AS county_id, c.name AS county
       FROM villages v JOIN townships t ON t.id = v.township_id JOIN counties c ON c.id = v.county_id
       WHERE v.id = $1`,
      [code.village_id],
    );
    if (!place) throw new Error(`enrollment code points at missing village ${code.village_id}`);
    return {
      deviceId: device.deviceId,
      villageId: device.villageId,
      token: device.token,
      village: { id: code.village_id, name: place.village },
      township: { id: place.township_id, name: place.township },
      county: { id: place.county_id, name: place.county },
      serverTime: now.toISOString(),
    };
  });
}
