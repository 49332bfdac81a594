/**
 * Receipt layouts: pure functions from domain facts to a ReceiptDocument. No paper width, no bytes —
 * the same document prints on 58 mm and 80 mm paper and previews as text. Tests read the printed bytes
 * back and check what a villager would read.
 */
import {
  center,
  feed,
  formatChinaTime,
  formatFen,
  maskPhone,
  pair,
  qr,
  rule,
  text,
  type Block,
  type ReceiptDocument,
} from './document';
import type {
  CashReport,
  DispatchManifest,
  OrderReceipt,
  ParcelLabel,
  PickupSlip,
  TestPage,
} from './layout-inputs';

const PAYMENT: Record<OrderReceipt['payment']['method'], string> = {
  cash: '现金',
  wechat: '微信',
  alipay: '支付宝',
  other: '其他',
};
const SIZE: Record<'S' | 'M' | 'L', string> = { S: '小格', M: '中格', L: '大格' };

function header(point: { name: string; phone?: string | undefined }, title: string): Block[] {
  return [
    center(point.name, { bold: true }),
    ...(point.phone ? [center(`电话 ${point.phone}`)] : []),
    center(title, { bold: true, size: 2 }),
    rule(),
  ];
}

export function orderReceipt(o: OrderReceipt): ReceiptDocument {
  const items = o.items.flatMap((item): Block[] => [
    pair(item.name, formatFen(item.unitFen * item.qty)),
    ...(item.qty !== 1 ? [text(`  ${formatFen(item.unitFen)} × ${item.qty}`)] : []),
  ]);
  return {
    kind: 'order-receipt',
    title: `${o.service}小票 ${o.orderNo}`,
    blocks: [
      ...header(o.point, `${o.service}小票`),
      text(`单号：${o.orderNo}`),
      text(`时间：${formatChinaTime(o.placedAt)}`),
      ...(o.operator ? [text(`操作员：${o.operator}`)] : []),
      rule(),
      ...items,
      rule(),
      pair('合计', formatFen(o.totalFen), true),
      pair(`实收（${PAYMENT[o.payment.method]}）`, formatFen(o.payment.paidFen)),
      ...(o.payment.changeFen !== 0 ? [pair('找零', formatFen(o.payment.changeFen))] : []),
      ...(o.note ? [rule(), text(`备注：${o.note}`)] : []),
      rule(),
      center('谢谢惠顾，欢迎再来'),
      feed(),
    ],
  };
}

export function pickupSlip(s: PickupSlip): ReceiptDocument {
  const place =
    s.place.kind === 'compartment' ? `格口：${s.place.id}（${SIZE[s.place.size]}）` : `货架：${s.place.code}`;
  return {
    kind: 'pickup-slip',
    title: `取件单 ${s.code}`,
    blocks: [
      ...header(s.point, '取件凭条'),
      center('取件码'),
      center(s.code, { bold: true, size: 3 }),
      center(place, { bold: true }),
      rule(),
      text(`快递：${s.carrier} ${s.waybill}`),
      text(`收件人：${maskPhone(s.recipientPhone)}`),
      text(`入库：${formatChinaTime(s.storedAt)}`),
      qr(s.qrPayload),
      center('凭取件码或扫码取件'),
      center(`请于 ${s.keepDays} 天内取件`),
      feed(),
    ],
  };
}

export function parcelLabel(p: ParcelLabel): ReceiptDocument {
  const kg = (p.weightGrams / 1000).toFixed(2);
  return {
    kind: 'parcel-label',
    title: `寄件单 ${p.recipient.name}`,
    blocks: [
      ...header(p.point, '寄件单'),
      text(`快递：${p.carrier}${p.waybill ? ` ${p.waybill}` : ''}`, { bold: true }),
      rule(),
      // The courier needs the whole numbers to call: this label goes on the parcel, not the counter.
      text(`寄件人：${p.sender.name} ${p.sender.phone}`),
      text(`收件人：${p.recipient.name} ${p.recipient.phone}`, { bold: true }),
      text(`地址：${p.recipient.address}`, { bold: true }),
      rule(),
      pair('重量', `${kg} kg`),
      pair('运费', formatFen(p.feeFen), true),
      text(`时间：${formatChinaTime(p.createdAt)}`),
      ...(p.qrPayload ? [qr(p.qrPayload)] : []),
      feed(),
    ],
  };
}

/**
 * 揽收交接单: one line per shipment (number, recipient, destination, weight) and per returned parcel
 * (waybill), with the counts and room for both signatures — the paper the point keeps when the
 * courier leaves. Phone numbers are left off: it lies on the counter.
 */
export function dispatchManifest(m: DispatchManifest): ReceiptDocument {
  const kg = (grams: number) => `${(grams / 1000).toFixed(2)} kg`;
  const totalGrams = m.shipments.reduce((sum, s) => sum + s.weightGrams, 0);
  return {
    kind: 'dispatch-manifest',
    title: `交接单 ${m.carrier} ${m.manifestNo}`,
    blocks: [
      ...header(m.point, '揽收交接单'),
      text(`快递：${m.carrier}`, { bold: true }),
      text(`单号：${m.manifestNo}`),
      text(`时间：${formatChinaTime(m.handedOverAt)}`),
      ...(m.operator ? [text(`操作员：${m.operator}`)] : []),
      rule(),
      text(`寄出 ${m.shipments.length} 件`, { bold: true }),
      ...m.shipments.flatMap((s): Block[] => [
        pair(`${s.no} ${s.recipientName}`, kg(s.weightGrams)),
        text(`  ${s.destination}`),
      ]),
      ...(m.shipments.length > 0 ? [pair('合计重量', kg(totalGrams))] : []),
      rule(),
      text(`退回 ${m.returned.length} 件`, { bold: true }),
      ...m.returned.map((r) => pair(r.waybill, `超期${r.daysOverdue}天`)),
      rule(),
      ...(m.qrPayload ? [qr(m.qrPayload)] : []),
      text('快递员签字：'),
      feed(),
      text('操作员签字：'),
      feed(2),
    ],
  };
}

export function cashReport(r: CashReport): ReceiptDocument {
  return {
    kind: 'cash-report',
    title: `日结报表 ${r.day}`,
    blocks: [
      ...header(r.point, '日结报表'),
      text(`日期：${r.day}`),
      text(`操作员：${r.operator}`),
      rule(),
      ...r.rows.map((row) => pair(`${row.label} ${row.count} 笔`, formatFen(row.amountFen))),
      rule(),
      pair('现金收入', formatFen(r.cashInFen)),
      pair('现金支出', formatFen(r.cashOutFen)),
      pair('应存现金', formatFen(r.cashInFen - r.cashOutFen), true),
      ...(r.countedFen !== undefined
        ? [
            pair('实点现金', formatFen(r.countedFen), true),
            pair('差额', formatFen(r.countedFen - (r.cashInFen - r.cashOutFen))),
            ...(r.reason ? [text(`差额原因：${r.reason}`)] : []),
          ]
        : []),
      rule('='),
      text(`打印时间：${formatChinaTime(r.printedAt)}`),
      text('操作员签字：'),
      feed(2),
    ],
  };
}

export function testPage(t: TestPage): ReceiptDocument {
  const cols = t.paperWidthMm === 58 ? 32 : 48;
  const ruler = Array.from({ length: cols }, (_, i) => String((i + 1) % 10)).join('');
  return {
    kind: 'test-page',
    title: '打印测试页',
    blocks: [
      center('打印测试页', { bold: true, size: 2 }),
      center('PRINTER TEST PAGE'),
      rule('='),
      text(`打印机：${t.printer}`),
      text(`纸宽：${t.paperWidthMm}mm，每行 ${cols} 列`),
      text(ruler),
      text('中文：村级电子商务服务点'),
      text('标点：，。、；：？！“”（）'),
      pair('金额', formatFen(1250)),
      center('大字 BIG', { size: 2 }),
      qr('VPK-TEST-PAGE'),
      center('扫码应显示 VPK-TEST-PAGE'),
      text(`时间：${formatChinaTime(t.at)}`),
      feed(),
    ],
  };
}
