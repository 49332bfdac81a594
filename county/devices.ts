/**
 * Village terminals and their bearer tokens.
 *
 * Invariants:
 * - The token (32 random bytes, base64url) exists only in the provisioning answer and on the kiosk.
 *   The county keeps its SHA-256; a leaked database or backup does not let anyone act as a kiosk.
 *   A plain hash (no salt, no KDF) is enough because the token is 256 random bits, not a password.
 * - A revoked device never authenticates again; revocation is a timestamp, not a delete, so its
 *   history (orders, sync mutations) keeps a valid reference.
 * - A device's county and township are its village's (foreign key in 0001_foundation.sql).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import { CountyError } from './http-contract';

export interface DeviceRow {
  id: string;
  countyId: string;
  townshipId: string;
  villageId: string;
  name: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

export interface ProvisionedDevice {
  deviceId: string;
  villageId: string;
  /** Shown once. Not recoverable: a lost token means provisioning the terminal again. */
  token: string;
}

/** base64url of 32 bytes: 43 characters, no padding. */
export const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** last_seen_at is written at most this often per device: 500 kiosks polling must not mean 500 writes. */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const DEVICE_COLUMNS = `id, county_id AS "countyId", township_id AS "townshipId", village_id AS "villageId",
  name, created_at AS "createdAt", last_seen_at AS "lastSeenAt", revoked_at AS "revokedAt"`;

export async function provisionDevice(
  db: Queryable,
  villageId: string,
  name: string,
): Promise<ProvisionedDevice> {
  const token = randomBytes(32).toString('base64url');
  const deviceId = randomUUID();
  // INSERT … SELECT takes county and township from the village in the same statement, so there is no
  // window in which the village could be read and then changed.
  const rows = await db.query<{ id: string }>(
    `INSERT INTO devices (id, county_id, township_id, village_id, name, token_hash)
     SELECT $1, v.county_id, v.township_id, v.id, $3, $4 FROM villages v WHERE v.id = $2
     RETURNING id`,
    [deviceId, villageId, name, hashToken(token)],
  );
  if (rows.length === 0)
    throw new CountyError('VILLAGE_NOT_FOUND', `村 ${villageId} 不存在 / no such village`);
  return { deviceId, villageId, token };
}

/** The device holding `token`, or null when the token is unknown, malformed or revoked. */
export async function authenticateDevice(db: Queryable, token: string): Promise<DeviceRow | null> {
  if (!DEVICE_TOKEN_PATTERN.test(token)) return null;
  // One statement: find the live device and, if its last_seen_at is older than the resolution, move
  // it to now(). The outer SELECT reads the pre-update row (same snapshot), so the new time is taken
  // from the UPDATE's RETURNING when there was one.
  const [row] = await db.query<DeviceRow>(
    `WITH found AS (
       SELECT * FROM devices WHERE token_hash = $1 AND revoked_at IS NULL
     ), touched AS (
       UPDATE devices d SET last_seen_at = now() FROM found f
       WHERE d.id = f.id
         AND (f.last_seen_at IS NULL OR f.last_seen_at < now() - make_interval(secs => $2))
       RETURNING d.last_seen_at
     )
     SELECT id, county_id AS "countyId", township_id AS "townshipId", village_id AS "villageId", name,
            created_at AS "createdAt", coalesce((SELECT last_seen_at FROM touched), last_seen_at) AS "lastSeenAt",
            revoked_at AS "revokedAt"
     FROM found`,
    [hashToken(token), LAST_SEEN_RESOLUTION_SECONDS],
  );
  return row ?? null;
}

/** Returns false when the device does not exist or was already revoked. */
export async function revokeDevice(db: Queryable, deviceId: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [deviceId],
  );
  return rows.length > 0;
}

export async function listDevices(db: Queryable, countyId?: string): Promise<DeviceRow[]> {
  return db.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices WHERE ($1::text IS NULL OR county_id = $1) ORDER BY created_at, id`,
    [countyId ?? null],
  );
}
