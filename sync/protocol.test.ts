import {
  enrollmentCodeSchema,
  majorOf,
  mutationTypes,
  parseChange,
  parseMutation,
  pushRequestSchema,
  type MutationEnvelope,
} from './protocol';

const envelope = (type: string, payload: unknown): MutationEnvelope => ({
  id: '01J0000000000000000000000A',
  seq: 1,
  type,
  at: '2026-11-28T08:00:00+08:00',
  payload,
});

const order = {
  orderId: 'o1',
  phone: '13800138000',
  lines: [
    { itemId: 'sku-010001', name: '尿素 50kg', qty: 2, unitPriceFen: 13500 },
    { itemId: 'sku-050001', name: '酱油', qty: 1, unitPriceFen: 1250 },
  ],
  totalFen: 28250,
  payment: 'cash',
};

describe('sync protocol v1', () => {
  it('accepts an order whose total is the sum of its lines, in integer fen', () => {
    const parsed = parseMutation(envelope('order.placed', order));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.mutation.payload).toMatchObject({ delivery: 'point' });
  });

  it('rejects an order whose total does not match, naming the field', () => {
    const parsed = parseMutation(envelope('order.placed', { ...order, totalFen: 28000 }));
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining('totalFen') as string });
  });

  it('rejects money that is not integer fen and phones that are not mobile numbers', () => {
    const yuan = { ...order, lines: [{ ...order.lines[0], unitPriceFen: 135.5 }], totalFen: 271 };
    expect(parseMutation(envelope('order.placed', yuan)).ok).toBe(false);
    expect(parseMutation(envelope('order.placed', { ...order, phone: '12345' })).ok).toBe(false);
  });

  it('rejects an unknown mutation type with a reason instead of failing the batch', () => {
    expect(parseMutation(envelope('order.teleported', {}))).toEqual({
      ok: false,
      reason: expect.stringContaining('order.teleported') as string,
    });
    // The envelope itself stays valid, so the rest of the batch is judged on its own.
    expect(
      pushRequestSchema.safeParse({ deviceId: 'd', mutations: [envelope('order.teleported', {})] }).success,
    ).toBe(true);
  });

  it('covers every mutation the mission needs', () => {
    expect(mutationTypes).toEqual(
      expect.arrayContaining([
        'order.placed',
        'order.cancelled',
        'produce.listed',
        'bill.intent',
        'ticket.requested',
        'return.requested',
        'parcel.stored',
        'parcel.collected',
        'parcel.sent',
        'stock.moved',
        'cash.day_closed',
        'training.attended',
      ]),
    );
  });

  it('normalises an enrollment code typed with spaces, dashes or lower case', () => {
    expect(enrollmentCodeSchema.parse('abcd-efgh')).toBe('ABCDEFGH');
    expect(enrollmentCodeSchema.safeParse('ABCD0FGH').success).toBe(false); // 0 is not in the alphabet
  });

  it('skips entity types it does not know and validates the ones it does', () => {
    expect(parseChange({ entity: 'hologram', id: 'x', op: 'upsert', data: {}, version: '5' }).ok).toBe(false);
    expect(parseChange({ entity: 'notice', id: 'n1', op: 'delete', data: null, version: '6' }).ok).toBe(true);
    expect(
      parseChange({ entity: 'notice', id: 'n1', op: 'upsert', data: { id: 'n1' }, version: '7' }).ok,
    ).toBe(false);
  });

  it('reads the protocol major version', () => {
    expect(majorOf('1.0')).toBe(1);
    expect(majorOf('2.3')).toBe(2);
    expect(majorOf('v1')).toBeUndefined();
  });
});
