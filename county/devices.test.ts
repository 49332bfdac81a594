import { seedCounties } from '../assets/seed';
import type { Db } from './db';
import {
  authenticateDevice,
  DEVICE_TOKEN_PATTERN,
  hashToken,
  listDevices,
  provisionDevice,
  revokeDevice,
} from './devices';
import { CountyError } from './http-contract';
import { openTestDb, UNKNOWN_DEVICE_TOKEN } from './testing';

const county = seedCounties[0]!;
const township = county.townships[0]!;
const village = township.villages[0]!;

describe('devices', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb({ seed: true });
  });
  afterAll(async () => {
    await db.close();
  });

  it('provisions a device in a village with a fresh 256-bit token', async () => {
    const a = await provisionDevice(db, village.id, '一号机');
    const b = await provisionDevice(db, village.id, '二号机');
    expect(a.villageId).toBe(village.id);
    expect(a.token).toMatch(DEVICE_TOKEN_PATTERN);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.deviceId).not.toBe(b.deviceId);
  });

  it('takes county and township from the village', async () => {
    const { deviceId } = await provisionDevice(db, village.id, '三号机');
    const row = (await listDevices(db)).find((d) => d.id === deviceId);
    expect(row).toMatchObject({ countyId: county.id, townshipId: township.id, villageId: village.id });
  });

  it('never stores the token, only its SHA-256', async () => {
    const { deviceId, token } = await provisionDevice(db, village.id, '四号机');
    const [row] = await db.query<{ everything: string; token_hash: string }>(
      'SELECT row_to_json(d)::text AS everything, token_hash FROM devices d WHERE id = $1',
      [deviceId],
    );
    expect(row?.everything).not.toContain(token);
    expect(row?.token_hash).toBe(hashToken(token));
  });

  it('authenticates a token and marks the device as seen', async () => {
    const { deviceId, token } = await provisionDevice(db, village.id, '五号机');
    const device = await authenticateDevice(db, token);
    expect(device).toMatchObject({ id: deviceId, villageId: village.id, revokedAt: null });
    expect(device?.lastSeenAt).toBeInstanceOf(Date);
    const [stored] = await db.query<{ last_seen_at: Date | null }>(
      'SELECT last_seen_at FROM devices WHERE id = $1',
      [deviceId],
    );
    expect(stored?.last_seen_at).toEqual(device?.lastSeenAt);
  });

  it('rejects unknown and malformed tokens', async () => {
    expect(await authenticateDevice(db, UNKNOWN_DEVICE_TOKEN)).toBeNull();
    expect(await authenticateDevice(db, '')).toBeNull();
    expect(await authenticateDevice(db, "' OR 1=1 --")).toBeNull();
  });

  it('rejects a revoked device from then on', async () => {
    const { deviceId, token } = await provisionDevice(db, village.id, '六号机');
    expect(await revokeDevice(db, deviceId)).toBe(true);
    expect(await authenticateDevice(db, token)).toBeNull();
    expect(await revokeDevice(db, deviceId)).toBe(false);
    const row = (await listDevices(db)).find((d) => d.id === deviceId);
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it('refuses a village that does not exist', async () => {
    await expect(provisionDevice(db, 'cn-999999-t01-v01', '无名')).rejects.toSatisfy(
      (err) => err instanceof CountyError && err.code === 'VILLAGE_NOT_FOUND',
    );
  });
});
