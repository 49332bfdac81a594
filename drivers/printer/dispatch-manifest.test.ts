/**
 * The dispatch manifest (揽收交接单) read back from its ESC/POS bytes, as the courier and the operator
 * read the paper they sign.
 */
import { encodeEscPos } from './escpos-encoder';
import { readReceipts } from './escpos-reader';
import { dispatchManifestSchema } from './layout-inputs';
import { dispatchManifest } from './layouts';
import { displayWidth } from './text-width';

const manifest = dispatchManifestSchema.parse({
  point: { name: '青山村电商服务点', phone: '0710-1234567' },
  manifestNo: 'K7Q2ZP',
  carrier: '中通快递',
  operator: '王芳',
  handedOverAt: '2025-03-01T08:30:00Z',
  shipments: [
    { no: '0007', recipientName: '李四', destination: '湖北省武汉市洪山区', weightGrams: 1250 },
    { no: '0008', recipientName: '欧阳娜娜', destination: '广东省深圳市南山区', weightGrams: 20000 },
  ],
  returned: [{ waybill: 'ZT7801234567890', daysOverdue: 3 }],
  qrPayload: 'VPK1:D:01JDISPATCH',
});

describe.each([32, 48] as const)('dispatch manifest on %i-column paper', (cols) => {
  const receipts = readReceipts(encodeEscPos(dispatchManifest(manifest), { cols, reprint: false }), cols);
  const r = receipts[0]!;
  const text = r.lines.join('\n');

  it('prints as one cut receipt in Chinese mode with nothing the reader cannot decode', () => {
    expect(receipts).toHaveLength(1);
    expect(r.chineseMode).toBe(true);
    expect(r.unknown).toEqual([]);
    expect(r.cut).toBe(true);
    for (const line of r.lines) expect(displayWidth(line)).toBeLessThanOrEqual(cols);
  });

  it('names the carrier, the manifest, the time in China and the operator', () => {
    expect(text).toContain('揽收交接单');
    expect(text).toContain('快递：中通快递');
    expect(text).toContain('单号：K7Q2ZP');
    expect(text).toContain('时间：2025-03-01 16:30');
    expect(text).toContain('操作员：王芳');
  });

  it('lists each shipment with its weight and destination, and the total weight', () => {
    expect(text).toContain('寄出 2 件');
    expect(text).toMatch(/0007 李四 +1\.25 kg/);
    expect(text).toMatch(/0008 欧阳娜娜 +20\.00 kg/);
    expect(text).toContain('广东省深圳市南山区');
    expect(text).toMatch(/合计重量 +21\.25 kg/);
  });

  it('lists the parcels returned to the courier and leaves room for both signatures', () => {
    expect(text).toContain('退回 1 件');
    expect(text).toMatch(/ZT7801234567890 +超期3天/);
    expect(text).toContain('快递员签字：');
    expect(text).toContain('操作员签字：');
    expect(r.qr).toEqual(['VPK1:D:01JDISPATCH']);
  });
});

describe('dispatch manifest input', () => {
  it('refuses a manifest that lists nothing, and a non-ASCII QR payload', () => {
    expect(dispatchManifestSchema.safeParse({ ...manifest, shipments: [], returned: [] }).success).toBe(
      false,
    );
    expect(dispatchManifestSchema.safeParse({ ...manifest, qrPayload: '交接单' }).success).toBe(false);
  });
});
