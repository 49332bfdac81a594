/**
 * Migration 0002 upgrades a county that ran version 1 with real data (ARCHITECTURE.md habit 12): the
 * seed as version 1 wrote it, a provisioned terminal, an administrator's price change and an item
 * added by hand. Everything must survive, the catalogue must gain its search keys, and a kiosk
 * pulling from cursor 0 must receive what was published before the upgrade.
 */
import { silentLogger } from '../common/logger';
import { seedCounties } from '../assets/seed';
import { parseChange } from '../sync/protocol';
import type { Db } from './db';
import { authenticateDevice, provisionDevice } from './devices';
import { issueEnrollmentCode } from './enrollment';
import { readChanges, type ChangeRow } from './feed';
import { migrate, schemaVersion } from './migrate';
import { pushMutations } from './push';
import { summaryCounts, type SummaryCounts } from './summary';
import { envelope, openTestDb, orderPayload } from './testing';

const county = seedCounties[0]!;
const village = county.townships[0]!.villages[0]!;

describe('migration 0002 on a version-1 county with data', () => {
  let db: Db;
  let before: SummaryCounts;
  let device: { deviceId: string; token: string };

  beforeAll(async () => {
    db = await openTestDb({ to: 1, seed: true });
    device = await provisionDevice(db, village.id, '老终端');
    await db.exec(`
      UPDATE catalogue_items SET price_fen = 9999 WHERE county_id = '${county.id}' AND id = 'sku-010001';
      INSERT INTO catalogue_items (county_id, id, barcode, name, category_id, spec, unit, price_fen)
      VALUES ('${county.id}', 'local-001', '6900000000017', '潜江小龙虾', 'cat-local-produce', '1kg', '盒', 6800);`);
    before = await summaryCounts(db);
    expect(await schemaVersion(db)).toBe(1);
    const result = await migrate(db, silentLogger);
    expect(result.applied).toContain(2);
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps every row of version 1', async () => {
    expect(await summaryCounts(db)).toEqual(before);
    expect((await authenticateDevice(db, device.token))?.id).toBe(device.deviceId);
    expect(
      await db.query(`SELECT price_fen FROM catalogue_items WHERE county_id = $1 AND id = 'sku-010001'`, [
        county.id,
      ]),
    ).toEqual([{ price_fen: 9999 }]);
  });

  it('gives every existing item its search keys', async () => {
    const [missing] = await db.query<{ n: number }>(
      'SELECT count(*) AS n FROM catalogue_items WHERE pinyin IS NULL OR initials IS NULL',
    );
    expect(missing?.n).toBe(0);
    expect(await db.query(`SELECT pinyin, initials FROM catalogue_items WHERE id = 'local-001'`)).toEqual([
      { pinyin: 'qian jiang xiao long xia', initials: 'qjxlx' },
    ]);
  });

  it('publishes what version 1 had to a kiosk pulling from cursor 0', async () => {
    const changes: ChangeRow[] = [];
    let cursor = '0';
    for (let more = true; more;) {
      const page = await readChanges(db, { countyId: county.id, villageId: village.id, cursor, limit: 1000 });
      changes.push(...page.changes);
      ({ cursor, hasMore: more } = page);
    }
    const items = changes.filter((c) => c.entity === 'catalogue_item');
    expect(items).toHaveLength((before.items - 1) / seedCounties.length + 1); // + the one added by hand
    expect(items.find((c) => c.id === 'sku-010001')?.data).toMatchObject({ priceFen: 9999 });
    expect(items.find((c) => c.id === 'local-001')?.data).toMatchObject({ initials: 'qjxlx', active: true });
    for (const change of changes) expect(parseChange(change)).toMatchObject({ ok: true });
  });

  it('takes pushes from the terminal provisioned before the upgrade, and issues codes', async () => {
    const me = { id: device.deviceId, countyId: county.id, villageId: village.id };
    const acks = await pushMutations(
      db,
      me,
      [envelope('order.placed', orderPayload('o-old-1'), 1)],
      'push',
      silentLogger,
    );
    expect(acks).toMatchObject([{ status: 'applied' }]);
    const code = await issueEnrollmentCode(db, {
      countyId: county.id,
      villageId: village.id,
      now: new Date(),
    });
    expect(code.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  });

  it('is not applied twice', async () => {
    expect((await migrate(db, silentLogger)).applied).toEqual([]);
  });
});
