import ExcelJS from 'exceljs';
import { seedCounties } from '../assets/seed';
import { type ChangeEnvelope, type ExportFile } from '../sync/protocol';
import { XLSX_TYPE } from './admin-routes';
import type { Db } from './db';
import { provisionDevice } from './devices';
import type { CountyServer } from './server';
import { envelope, openTestDb, orderPayload, PROTOCOL_HEADERS } from './testing';
import {
  ADMIN_HEADERS as admin,
  adminInject,
  enrolKiosk,
  pullAsKiosk,
  pushAsKiosk,
  testCountyServer,
  type TestKiosk,
} from './testing-server';

const county = seedCounties[0]!;
const [villageA, villageB] = county.townships[0]!.villages;
const base = `/api/v1/admin/counties/${county.id}`;
const NOW = new Date('2026-03-01T08:00:00.000Z');

describe('admin API', () => {
  let db: Db;
  let app: CountyServer;
  const kiosks: Record<'a' | 'b', TestKiosk> = {} as never;

  /** Everything new for a kiosk since its last call (it keeps its cursor, as a kiosk does). */
  const pullNew = (who: 'a' | 'b'): Promise<ChangeEnvelope[]> => pullAsKiosk(app, kiosks[who]);
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    adminInject(app, method, url, payload);
  const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0]!.n;

  beforeAll(async () => {
    db = await openTestDb({ seed: true });
    app = testCountyServer(db, { now: () => NOW });
    kiosks.a = await enrolKiosk(app, db, villageA!.id, 'a'); // caught up with the seed
    kiosks.b = await enrolKiosk(app, db, villageB!.id, 'b');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  describe('catalogue', () => {
    const item = {
      name: '有机化肥',
      categoryId: 'cat-fertilizer',
      spec: '40kg/袋',
      unit: '袋',
      priceFen: 12000,
    };

    it('creates an item that kiosks then pull with its search keys', async () => {
      const res = await call('PUT', `${base}/items/new-001`, item);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        id: 'new-001',
        pinyin: 'you ji hua fei',
        initials: 'yjhf',
        active: true,
      });
      const changes = await pullNew('a');
      expect(changes).toEqual([
        expect.objectContaining({ entity: 'catalogue_item', id: 'new-001', op: 'upsert' }),
      ]);
    });

    it('changes a price and withdraws an item, each reaching kiosks', async () => {
      expect((await call('PATCH', `${base}/items/new-001`, { priceFen: 11500 })).json()).toMatchObject({
        priceFen: 11500,
      });
      expect((await call('PATCH', `${base}/items/new-001`, { active: false })).json()).toMatchObject({
        active: false,
        priceFen: 11500,
      });
      const data = (await pullNew('a')).map((c) => c.data as { priceFen: number; active: boolean });
      expect(data.map((d) => [d.priceFen, d.active])).toEqual([
        [11500, true],
        [11500, false],
      ]);
    });

    it('refuses an unknown category and a price that is not integer fen', async () => {
      expect(
        (await call('PUT', `${base}/items/new-002`, { ...item, categoryId: 'cat-nope' })).statusCode,
      ).toBe(400);
      const yuan = await call('PUT', `${base}/items/new-002`, { ...item, priceFen: 119.5 });
      expect(yuan.statusCode).toBe(400);
      expect(yuan.json()).toMatchObject({
        error: { code: 'BAD_REQUEST', message: expect.stringMatching(/priceFen/) as string },
      });
    });

    it('creates a category and finds items by pinyin initials', async () => {
      const cat = await call('PUT', `${base}/categories/cat-handicraft`, {
        name: '手工艺品',
        nameEn: 'Handicrafts',
        icon: 'craft',
        sort: 20,
      });
      expect(cat.statusCode).toBe(200);
      expect((await pullNew('b')).map((c) => [c.entity, c.id])).toContainEqual([
        'category',
        'cat-handicraft',
      ]);
      const found = await call('GET', `${base}/items?q=yjhf`);
      expect(found.json<{ id: string }[]>().map((i) => i.id)).toEqual(['new-001']);
    });

    it('imports a CSV in one go, prices in yuan read exactly', async () => {
      const csv = [
        '编号,名称,分类,规格,单位,价格(元),上架',
        'csv-1,高粱酒,cat-liquor,500ml,瓶,19.9,是',
        'csv-2,竹篮,cat-household,中号,个,35,否',
      ].join('\n');
      const res = await app.inject({
        method: 'POST',
        url: `${base}/items/import`,
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ rows: 2, created: 2, updated: 0 });
      expect((await call('GET', `${base}/items/csv-1`)).json()).toMatchObject({
        priceFen: 1990,
        pinyin: 'gao liang jiu',
      });
      const pulled = await pullNew('a');
      expect(pulled.filter((c) => c.entity === 'catalogue_item').map((c) => c.id)).toEqual([
        'csv-1',
        'csv-2',
      ]);
    });

    it('reports every bad row by its number and imports nothing', async () => {
      const items = await count('SELECT count(*) AS n FROM catalogue_items');
      const feed = await count('SELECT count(*) AS n FROM change_feed');
      const csv = [
        'id,name,categoryId,spec,unit,price',
        'bad-1,好商品,cat-liquor,1瓶,瓶,10',
        'bad-2,坏价格,cat-liquor,1瓶,瓶,十元',
        'bad-3,无分类,cat-nope,1瓶,瓶,1',
        'bad-1,重复,cat-liquor,1瓶,瓶,1',
      ].join('\n');
      const res = await app.inject({
        method: 'POST',
        url: `${base}/items/import`,
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(res.statusCode).toBe(400);
      const { error } = res.json<{ error: { code: string; rows: { row: number }[] } }>();
      expect(error.code).toBe('IMPORT_INVALID');
      expect(error.rows.map((r) => r.row)).toEqual([3, 4, 5]);
      expect(await count('SELECT count(*) AS n FROM catalogue_items')).toBe(items);
      expect(await count('SELECT count(*) AS n FROM change_feed')).toBe(feed);
    });

    it('imports an XLSX workbook', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('商品');
      sheet.addRow(['id', 'name', 'categoryId', 'spec', 'unit', 'priceFen', 'tags']);
      sheet.addRow(['xlsx-1', '土鸡蛋', 'cat-local-produce', '30枚', '盒', 4500, '散养|本地']);
      sheet.addRow(['csv-1', '高粱酒', 'cat-liquor', '500ml', '瓶', 2100]);
      const data = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await app.inject({
        method: 'POST',
        url: `${base}/items/import`,
        headers: { ...admin, 'content-type': XLSX_TYPE },
        payload: data,
      });
      expect(res.json()).toEqual({ rows: 2, created: 1, updated: 1 });
      expect((await call('GET', `${base}/items/xlsx-1`)).json()).toMatchObject({
        tags: ['散养', '本地'],
        priceFen: 4500,
      });
    });
  });

  describe('notices', () => {
    it('publishes, updates and deletes a notice', async () => {
      const created = await call('POST', `${base}/notices`, {
        title: '春耕化肥到货通知',
        body: '本周化肥已到县仓库，请各村服务点尽快下单。',
        category: 'agri',
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json<{ id: string }>();
      await call('PUT', `${base}/notices/${id}`, {
        title: '春耕化肥到货通知',
        body: '化肥已到货，数量有限。请尽快下单。',
        category: 'agri',
        pinned: true,
      });
      expect((await call('DELETE', `${base}/notices/${id}`)).statusCode).toBe(204);
      const changes = (await pullNew('b')).filter((c) => c.id === id);
      expect(changes.map((c) => c.op)).toEqual(['upsert', 'upsert', 'delete']);
      expect(changes[0]?.data).toMatchObject({ publishedAt: NOW.toISOString(), pinned: false });
    });
  });

  describe('enrollment codes and devices', () => {
    it('shows a code once and lists it without the code', async () => {
      const res = await call('POST', `${base}/enrollment-codes`, { villageId: villageB!.id, ttlHours: 24 });
      expect(res.statusCode).toBe(201);
      const { code, id } = res.json<{ code: string; id: string }>();
      const list = await call('GET', `${base}/enrollment-codes`);
      expect(list.body).not.toContain(code.replace('-', ''));
      expect(list.json()).toContainEqual(
        expect.objectContaining({ id, villageId: villageB!.id, usedAt: null }),
      );
      const enrolled = await app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        headers: PROTOCOL_HEADERS,
        payload: { code, deviceName: 'B2' },
      });
      expect(enrolled.statusCode).toBe(201);
    });

    it('refuses a code for a village of another county', async () => {
      const other = seedCounties[1]!.townships[0]!.villages[0]!;
      expect((await call('POST', `${base}/enrollment-codes`, { villageId: other.id })).statusCode).toBe(404);
    });

    it('lists devices with their last-seen time and revokes one', async () => {
      const devices = (await call('GET', `${base}/devices`)).json<
        { id: string; lastSeenAt: string | null }[]
      >();
      expect(devices.find((d) => d.id === kiosks.a.deviceId)?.lastSeenAt).toEqual(expect.any(String));
      const victim = await provisionDevice(db, villageA!.id, '旧机');
      expect((await call('POST', `/api/v1/admin/devices/${victim.deviceId}/revoke`)).statusCode).toBe(200);
      expect((await call('POST', `/api/v1/admin/devices/${victim.deviceId}/revoke`)).statusCode).toBe(404);
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/sync/pull',
        headers: { ...PROTOCOL_HEADERS, authorization: `Bearer ${victim.token}` },
      });
      expect(res.statusCode).toBe(401);
    });

    it('answers 404 for a county that does not exist', async () => {
      expect((await call('GET', '/api/v1/admin/counties/cn-000000/items')).statusCode).toBe(404);
    });
  });

  describe('parcel manifests', () => {
    it('sends a manifest to its village only, and moves it when re-uploaded elsewhere', async () => {
      const parcels = [
        { waybill: 'ZT1234567890', carrier: '中通', phone: '13800138000', recipientName: '王五' },
      ];
      expect(
        (await call('POST', `${base}/parcel-manifests`, { villageId: villageA!.id, parcels })).statusCode,
      ).toBe(200);
      const manifests = async (who: 'a' | 'b') =>
        (await pullNew(who)).filter((c) => c.entity === 'parcel_manifest').map((c) => [c.id, c.op]);
      expect(await manifests('a')).toEqual([['ZT1234567890', 'upsert']]);
      expect(await manifests('b')).toEqual([]);
      const csv = 'waybill,carrier,phone\nZT1234567890,中通,13800138000\n';
      const moved = await app.inject({
        method: 'POST',
        url: `${base}/parcel-manifests?villageId=${villageB!.id}`,
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(moved.json()).toMatchObject({ parcels: 1, movedFromOtherVillages: 1 });
      expect(await manifests('a')).toEqual([['ZT1234567890', 'delete']]);
      expect(await manifests('b')).toEqual([['ZT1234567890', 'upsert']]);
    });
  });

  describe('orders', () => {
    beforeAll(async () => {
      for (const [who, id] of [
        ['a', 'ord-a'],
        ['b', 'ord-b'],
      ] as const) {
        await pushAsKiosk(app, kiosks[who], 'order.placed', orderPayload(id));
      }
      await pullNew('a');
      await pullNew('b');
    });

    it('filters by village, status and date', async () => {
      const ids = async (query: string) =>
        (await call('GET', `${base}/orders?${query}`))
          .json<{ id: string }[]>()
          .map((o) => o.id)
          .sort();
      expect(await ids(`villageId=${villageA!.id}`)).toEqual(['ord-a']);
      expect(await ids('status=received')).toEqual(['ord-a', 'ord-b']);
      expect(await ids('status=shipped')).toEqual([]);
      expect(await ids('from=2000-01-01&to=2100-01-01')).toEqual(['ord-a', 'ord-b']);
      expect(await ids('to=2000-01-01')).toEqual([]);
      expect((await call('GET', `${base}/orders?status=lost`)).statusCode).toBe(400);
    });

    it('sends a status change to the order’s village, and refuses to reopen a final order', async () => {
      const res = await call('POST', `${base}/orders/ord-a/status`, {
        status: 'confirmed',
        note: '库存充足',
        settledTotalFen: 27000,
      });
      expect(res.json()).toMatchObject({
        status: 'confirmed',
        settledTotalFen: 27000,
        lines: [{ itemId: 'sku-010001' }, { qty: 1 }],
      });
      expect((await pullNew('a')).map((c) => c.data)).toEqual([
        { orderId: 'ord-a', status: 'confirmed', note: '库存充足', settledTotalFen: 27000 },
      ]);
      expect(await pullNew('b')).toEqual([]);
      await call('POST', `${base}/orders/ord-a/status`, { status: 'completed' });
      expect((await call('POST', `${base}/orders/ord-a/status`, { status: 'shipped' })).statusCode).toBe(409);
    });
  });

  describe('kiosk export files', () => {
    it('applies an export once, however often it is imported', async () => {
      const file: ExportFile = {
        format: 'vpk-unsynced-export',
        protocol: '1.0',
        deviceId: kiosks.b.deviceId,
        villageId: villageB!.id,
        exportedAt: NOW.toISOString(),
        mutations: [
          envelope('order.placed', orderPayload('usb-1'), 50),
          envelope(
            'bill.intent',
            {
              intentId: 'usb-b',
              phone: '13800138000',
              kind: 'phone',
              account: '13800138000',
              amountFen: 3000,
              paidCashFen: 3000,
            },
            51,
          ),
        ],
      };
      const first = await call('POST', '/api/v1/admin/imports/kiosk-export', file);
      expect(first.json()).toMatchObject({ applied: 2, duplicate: 0, rejected: 0 });
      const second = await call('POST', '/api/v1/admin/imports/kiosk-export', file);
      expect(second.json()).toMatchObject({ applied: 0, duplicate: 2, rejected: 0 });
      expect(await count(`SELECT count(*) AS n FROM orders WHERE id = 'usb-1'`)).toBe(1);
      const wrongVillage = await call('POST', '/api/v1/admin/imports/kiosk-export', {
        ...file,
        villageId: villageA!.id,
      });
      expect(wrongVillage.statusCode).toBe(403);
    });
  });
});
