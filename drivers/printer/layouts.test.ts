/**
 * Layouts are checked the way a person checks a receipt: the ESC/POS bytes are read back (GB18030
 * decoded, commands stripped, QR payloads taken from the GS ( k commands) and the text is asserted.
 */
import { encodeEscPos } from './escpos-encoder';
import { readReceipts, type DecodedReceipt } from './escpos-reader';
import { cashReport, orderReceipt, parcelLabel, pickupSlip, testPage } from './layouts';
import type { ReceiptDocument } from './document';
import { displayWidth } from './text-width';

const point = { name: '青山村电商服务点', phone: '0710-1234567' };

function print(doc: ReceiptDocument, cols: 32 | 48, reprint = false): DecodedReceipt {
  const receipts = readReceipts(encodeEscPos(doc, { cols, reprint }), cols);
  expect(receipts).toHaveLength(1);
  const r = receipts[0]!;
  expect(r.chineseMode).toBe(true);
  expect(r.unknown).toEqual([]);
  expect(r.cut).toBe(true);
  return r;
}

const order = orderReceipt({
  point,
  orderNo: 'D20250301-0007',
  service: '代购',
  placedAt: '2025-03-01T06:05:00Z',
  operator: '王芳',
  items: [
    { name: '复合肥 50kg 史丹利 高塔硫酸钾型', qty: 2, unitFen: 12000 },
    { name: '菜籽油 5L', qty: 1, unitFen: 6850 },
  ],
  totalFen: 30850,
  payment: { method: 'cash', paidFen: 31000, changeFen: 150 },
});

describe.each([32, 48] as const)('layouts on %i-column paper', (cols) => {
  it('prints an order receipt a villager can check: items, total, cash and change', () => {
    const r = print(order, cols);
    const text = r.lines.join('\n');
    expect(text).toContain('青山村电商服务点');
    expect(text).toContain('代购小票');
    expect(text).toContain('时间：2025-03-01 14:05'); // China time
    expect(text).toContain('操作员：王芳');
    expect(text).toMatch(/菜籽油 5L +￥68\.50/);
    expect(text).toContain('  ￥120.00 × 2');
    expect(text).toMatch(/合计 +￥308\.50/);
    expect(text).toMatch(/实收（现金） +￥310\.00/);
    expect(text).toMatch(/找零 +￥1\.50/);
    for (const line of r.lines) expect(displayWidth(line)).toBeLessThanOrEqual(cols);
  });

  it('prints a pickup slip with the code big, the compartment and a QR code of the pickup link', () => {
    const doc = pickupSlip({
      point,
      code: '482193',
      place: { kind: 'compartment', id: 'A07', size: 'M' },
      carrier: '中通',
      waybill: 'ZT7801234567890',
      recipientPhone: '13812345678',
      storedAt: '2025-03-01T01:30:00Z',
      keepDays: 3,
      qrPayload: 'VPK1:P:V001:482193',
    });
    const r = print(doc, cols);
    expect(r.qr).toEqual(['VPK1:P:V001:482193']);
    expect(r.lines.map((l) => l.trim())).toContain('482193');
    const text = r.lines.join('\n');
    expect(text).toContain('格口：A07（中格）');
    expect(text).toContain('收件人：138****5678');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('请于 3 天内取件');
  });

  it('centres the big pickup code as the printer places triple-size digits', () => {
    const doc = pickupSlip({
      point,
      code: '000123',
      place: { kind: 'shelf', code: '3-1-3001' },
      carrier: '邮政',
      waybill: '9800000000001',
      recipientPhone: '13900001111',
      storedAt: '2025-03-01T01:30:00Z',
      keepDays: 7,
      qrPayload: 'VPK1:P:V001:000123',
    });
    const r = print(doc, cols);
    const codeLine = r.lines.find((l) => l.trim() === '000123')!;
    expect(codeLine.length - codeLine.trimStart().length).toBe(Math.floor((cols - 18) / 2));
    expect(r.lines.join('\n')).toContain('货架：3-1-3001');
  });

  it('prints a parcel label with the full phone numbers the courier needs', () => {
    const doc = parcelLabel({
      point,
      carrier: '韵达',
      sender: { name: '张三', phone: '13812345678' },
      recipient: {
        name: '李四',
        phone: '13987654321',
        address: '湖北省武汉市洪山区珞喻路1037号华中科技大学东校区',
      },
      weightGrams: 1250,
      feeFen: 1200,
      createdAt: '2025-03-01T02:00:00Z',
    });
    const text = print(doc, cols).lines.join('\n');
    expect(text).toContain('收件人：李四 13987654321');
    expect(text.replace(/\n/g, '')).toContain('湖北省武汉市洪山区珞喻路1037号华中科技大学东校区');
    expect(text).toMatch(/重量 +1\.25 kg/);
    expect(text).toMatch(/运费 +￥12\.00/);
  });

  it('prints a daily cash report whose cash to deposit is income less payouts', () => {
    const doc = cashReport({
      point,
      day: '2025-03-01',
      operator: '王芳',
      rows: [
        { label: '代购', count: 12, amountFen: 123400 },
        { label: '缴费充值', count: 5, amountFen: 25000 },
        { label: '代销收购', count: 2, amountFen: -8000 },
      ],
      cashInFen: 148400,
      cashOutFen: 8000,
      printedAt: '2025-03-01T10:00:00Z',
    });
    const text = print(doc, cols).lines.join('\n');
    expect(text).toMatch(/代购 12 笔 +￥1234\.00/);
    expect(text).toMatch(/代销收购 2 笔 +-￥80\.00/);
    expect(text).toMatch(/应存现金 +￥1404\.00/);
  });

  it('prints a test page with a column ruler as wide as the paper and a scannable QR', () => {
    const r = print(
      testPage({
        printer: 'tcp://127.0.0.1:9100',
        paperWidthMm: cols === 32 ? 58 : 80,
        at: '2025-03-01T00:00:00Z',
      }),
      cols,
    );
    expect(r.lines).toContain('1234567890'.repeat(5).slice(0, cols - 1) + String(cols % 10));
    expect(r.qr).toEqual(['VPK-TEST-PAGE']);
    expect(r.lines.join('\n')).toContain('标点：，。、；：？！“”（）');
  });

  it('marks a reprint 重印 at the top and the bottom', () => {
    const lines = print(order, cols, true).lines.map((l) => l.trim());
    expect(lines[0]).toBe('*** 重印 REPRINT ***');
    expect(lines[lines.length - 1]).toBe('*** 重印 REPRINT ***');
  });
});
