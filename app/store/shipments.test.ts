import { mutationSchemas } from '../../sync/protocol';
import { cashMovementsOfDay, localDay } from './cash';
import { KioskDb } from './db';
import {
  checkShipment,
  fullAddress,
  recordShipment,
  shipmentsByPhone,
  type ShipmentInput,
} from './shipments';

let n = 0;
const freshDb = () => new KioskDb(`shipments-test-${n++}`);
const AT = new Date('2026-11-28T09:30:00+08:00');

const input: ShipmentInput = {
  sender: { name: '张三', phone: '13812345678' },
  recipient: {
    name: '李四',
    phone: '13987654321',
    province: '湖北省',
    city: '武汉市',
    county: '洪山区',
    address: '珞喻路1037号',
  },
  carrier: '中通快递',
  weightGrams: 2500,
  feeFen: 1600,
  operatorId: 'op-1',
};

/** Everything a failed attempt might have written. */
const written = async (db: KioskDb) => ({
  shipments: await db.shipments.count(),
  outbox: await db.outbox.count(),
  cash: await db.cashMovements.count(),
});

describe('recordShipment', () => {
  it('stores the shipment, its parcel.sent mutation and the fee as cash, in one go', async () => {
    const db = freshDb();
    const result = await recordShipment(db, input, { now: () => AT });
    if (!result.ok) throw new Error(result.error.message);
    const { shipment } = result;
    expect(await db.shipments.get(shipment.id)).toEqual(shipment);
    expect(shipment).toMatchObject({ no: 1, senderPhone: '13812345678', feeFen: 1600, weightGrams: 2500 });

    const entry = await db.outbox.get(shipment.mutationId);
    expect(entry).toMatchObject({ type: 'parcel.sent', seq: 1 });
    expect(mutationSchemas['parcel.sent'].parse(entry!.payload)).toEqual({
      shipmentId: shipment.id,
      sender: input.sender,
      recipient: input.recipient,
      carrier: '中通快递',
      weightGrams: 2500,
      feeFen: 1600,
    });

    // The operator's action is in the audit log, synced with it.
    expect(await db.auditLog.toArray()).toEqual([
      expect.objectContaining({
        kind: 'shipment.accepted',
        operatorId: 'op-1',
        detail: { shipmentId: shipment.id, carrier: '中通快递', weightGrams: 2500, feeFen: 1600 },
      }),
    ]);
    expect((await db.outbox.where('type').equals('audit.recorded').toArray()).map((e) => e.seq)).toEqual([2]);

    expect(await cashMovementsOfDay(db, localDay(AT))).toEqual([
      expect.objectContaining({
        kind: 'shipping_fee',
        refId: shipment.id,
        amountFen: 1600,
        operatorId: 'op-1',
      }),
    ]);
  });

  it('numbers shipments 1, 2, 3 on the device', async () => {
    const db = freshDb();
    const nos = [];
    for (let i = 0; i < 3; i++) {
      const r = await recordShipment(db, input);
      if (r.ok) nos.push(r.shipment.no);
    }
    expect(nos).toEqual([1, 2, 3]);
  });

  it('moves no cash for a fee the operator waived, but still records the shipment', async () => {
    const db = freshDb();
    const r = await recordShipment(db, { ...input, feeFen: 0 });
    expect(r.ok).toBe(true);
    expect(await written(db)).toEqual({ shipments: 1, outbox: 2, cash: 0 });
  });

  it.each([
    ['a weight of 0', { weightGrams: 0 }, { field: 'weight', problem: 'zero' }],
    ['more than 100 kg', { weightGrams: 100_001 }, { field: 'weight', problem: 'max' }],
    ['a fee in yuan, not fen', { feeFen: 12.5 }, { field: 'fee', problem: 'whole' }],
    ['an unknown carrier', { carrier: '飞鸽传书' }, { field: 'carrier', problem: 'unknown' }],
  ] as const)('refuses %s with a clear problem and stores nothing', async (_, change, problem) => {
    const db = freshDb();
    const r = await recordShipment(db, { ...input, ...change });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID', problems: [problem] } });
    expect(await written(db)).toEqual({ shipments: 0, outbox: 0, cash: 0 });
  });

  it('refuses a short recipient phone, an empty address and a missing county, and stores nothing', async () => {
    const db = freshDb();
    const r = await recordShipment(db, {
      ...input,
      recipient: { ...input.recipient, phone: '1398765', address: '   ', county: '' },
    });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'INVALID') throw new Error('expected INVALID');
    expect(r.error.problems).toEqual([
      { field: 'recipientPhone', problem: 'length' },
      { field: 'region', problem: 'empty' },
      { field: 'address', problem: 'empty' },
    ]);
    expect(await written(db)).toEqual({ shipments: 0, outbox: 0, cash: 0 });
  });

  it('refuses a name or address too long for the label', () => {
    expect(checkShipment({ ...input, sender: { ...input.sender, name: '张'.repeat(21) } })).toEqual([
      { field: 'senderName', problem: 'long' },
    ]);
    expect(checkShipment({ ...input, recipient: { ...input.recipient, address: '路'.repeat(120) } })).toEqual(
      [{ field: 'address', problem: 'long' }],
    );
    expect(checkShipment({ ...input, sender: { name: ' ', phone: '' } })).toEqual([
      { field: 'senderName', problem: 'empty' },
      { field: 'senderPhone', problem: 'empty' },
    ]);
  });
});

describe('fullAddress', () => {
  it('writes province, city, county and street as one line, without repeating a city that is its own county', () => {
    expect(fullAddress(input.recipient)).toBe('湖北省武汉市洪山区珞喻路1037号');
    expect(
      fullAddress({ province: '香港特別行政區', city: '中西區', county: '中西區', address: '皇后大道1號' }),
    ).toBe('香港特別行政區中西區皇后大道1號');
  });
});

describe('shipmentsByPhone', () => {
  it('lists a sender’s shipments newest first, with the county’s tracking status when it came', async () => {
    const db = freshDb();
    const first = await recordShipment(db, input);
    const second = await recordShipment(db, { ...input, carrier: '顺丰速运' });
    await recordShipment(db, { ...input, sender: { name: '王五', phone: '13700000000' } });
    if (!first.ok || !second.ok) throw new Error('not stored');
    await db.requestStatus.put({
      id: `shipment:${first.shipment.id}`,
      version: '7',
      kind: 'shipment',
      requestId: first.shipment.id,
      status: 'in_transit',
      note: null,
      amountFen: null,
      detail: {
        events: [
          { status: 'collected', place: '潜江', note: null, at: '2026-11-28T10:00:00.000Z' },
          { status: 'in_transit', place: '武汉转运中心', note: null, at: '2026-11-28T20:00:00.000Z' },
        ],
      },
    });

    const mine = await shipmentsByPhone(db, '13812345678');
    expect(mine.map((s) => s.id)).toEqual([second.shipment.id, first.shipment.id]);
    expect(mine[0]!.tracking).toBeUndefined();
    expect(mine[1]!.tracking).toEqual({
      status: 'in_transit',
      note: null,
      events: [
        expect.objectContaining({ status: 'collected', place: '潜江' }),
        expect.objectContaining({ status: 'in_transit', place: '武汉转运中心' }),
      ],
    });
    expect(await shipmentsByPhone(db, '13900000000')).toEqual([]);
  });
});
