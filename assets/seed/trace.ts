/**
 * Trace records (质量追溯) a new county publishes so the kiosk's 溯源 screen has something real to show:
 * local produce of the demonstration counties with the code printed on its label. Codes are digits only,
 * so a villager can type them on the kiosk's number keys when the label will not scan.
 */
import type { SeedTraceRecord } from './schemas';

export type { SeedTraceRecord } from './schemas';

export const seedTraceRecords: SeedTraceRecord[] = [
  {
    code: '4290052603150001',
    product: '潜江小龙虾（鲜活） 2.5kg/箱',
    origin: '湖北省潜江市熊口镇',
    producer: '潜江市虾稻共作专业合作社',
    batch: 'XL20260315-01',
    inspection: '2026-03-14 潜江市农产品质量安全检测站 抽检合格（兽药残留未检出）',
  },
  {
    code: '4290052602200002',
    product: '虾稻米 10kg/袋',
    origin: '湖北省潜江市积玉口镇',
    producer: '潜江市积玉口虾稻米加工厂',
    batch: 'XDM2026-0220',
    inspection: '2026-02-18 湖北省粮油产品质量监督检验站 检验合格',
  },
  {
    code: '4205062604020003',
    product: '五峰绿茶 250g/罐',
    origin: '湖北省宜昌市五峰土家族自治县采花乡',
    producer: '五峰采花茶业有限公司',
    batch: 'WF-CH-260402',
    inspection: '2026-04-03 宜昌市农产品质量检测中心 农残检测合格',
  },
  {
    code: '4211262609100004',
    product: '罗田板栗 5kg/袋',
    origin: '湖北省黄冈市罗田县九资河镇',
    producer: '罗田县九资河板栗专业合作社',
    batch: 'LT-BL-2609-02',
    inspection: '2026-09-08 黄冈市农业检测中心 抽检合格',
  },
  {
    code: '4290052605060005',
    product: '土蜂蜜 500g/瓶',
    origin: '湖北省潜江市老新镇',
    producer: '老新镇张家蜂场（个体）',
    batch: 'FM260506',
    inspection: null,
  },
];
