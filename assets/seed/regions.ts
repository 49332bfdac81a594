/**
 * The seven demonstration counties of Hubei with a few townships and villages each: enough for the county
 * centre to enrol terminals and for reports to roll up county → township → village on first start.
 *
 * County and township names and codes follow the 统计用区划代码 (National Bureau of Statistics). Village
 * names are real where a public source confirmed them (e.g. 熊口镇赵脑、瞄场、剅湾, 百福司镇舍米湖, 闯王镇宝石,
 * 华家河镇祝家楼); the rest are plausible placeholders. A county replaces this list with its own register
 * on import, so the ids below only have to be stable, not official.
 */
import type { SeedCounty, SeedTownship, SeedVillage } from './schemas';

export type { SeedCounty, SeedTownship, SeedVillage } from './schemas';

interface CountyRow {
  code: string;
  name: string;
  city: string;
  /** One township a line: '<9-digit code> <name>: <village> <village> ...' — compact enough to review. */
  townships: string[];
}

const COUNTY_ROWS: CountyRow[] = [
  {
    code: '429005',
    name: '潜江市',
    city: '省直辖',
    townships: [
      '429005104 熊口镇: 赵脑村 瞄场村 吴家垸村 剅湾村',
      '429005107 积玉口镇: 宝湾村 古城村 花园村',
      '429005105 老新镇: 直路河村 潭沟村 新口村',
      '429005106 浩口镇: 柳洲村 雷场村',
      '429005101 渔洋镇: 金家村 施场村',
    ],
  },
  {
    code: '420683',
    name: '枣阳市',
    city: '襄阳市',
    townships: [
      '420683109 吴店镇: 舂陵村 树头村 凉水村',
      '420683105 鹿头镇: 丁庄村 蒋庄村',
      '420683104 新市镇: 前湾村 刘湾村',
      '420683108 王城镇: 资山村 英河村',
    ],
  },
  {
    code: '421122',
    name: '红安县',
    city: '黄冈市',
    townships: [
      '421122101 七里坪镇: 熊家咀村 盐店河村 八一村 长辛店村',
      '421122102 华家河镇: 祝家楼村 华家河村',
      '421122107 八里湾镇: 陡山村 八里湾村',
      '421122108 太平桥镇: 回龙寨村 太平桥村',
      '421122105 高桥镇: 长丰村 高桥村',
    ],
  },
  {
    code: '420381',
    name: '丹江口市',
    city: '十堰市',
    townships: [
      '420381101 浪河镇: 黄龙村 浪河村',
      '420381109 凉水河镇: 凉水河村 白家湾村',
      '420381103 六里坪镇: 孙家湾村 马家岗村',
      '420381106 习家店镇: 习家店村 茯苓村',
    ],
  },
  {
    code: '421224',
    name: '通山县',
    city: '咸宁市',
    townships: [
      '421224101 南林桥镇: 石门村 青垱村 团墩村',
      '421224105 闯王镇: 宝石村 高湖村',
      '421224106 洪港镇: 江源村 洪港村',
      '421224200 大路乡: 东坑村 大路村',
    ],
  },
  {
    code: '422827',
    name: '来凤县',
    city: '恩施土家族苗族自治州',
    townships: [
      '422827101 百福司镇: 舍米湖村 新安村 捏车坪村 冉家村',
      '422827103 绿水镇: 四合村 沙子田村 大堰塘村 施南坪村',
      '422827102 大河镇: 牡丹坪村 五道水村',
    ],
  },
  {
    code: '420322',
    name: '郧西县',
    city: '十堰市',
    townships: [
      '420322108 河夹镇: 箭流铺村 东寺村 童元村 岩屋村',
      '420322105 羊尾镇: 老观庙村 羊尾村',
      '420322202 湖北口回族乡: 坎子山村 湖北口村',
      '420322102 上津镇: 上津村 津城村',
    ],
  },
];

const pad2 = (n: number): string => String(n).padStart(2, '0');

function parseTownship(countyId: string, line: string, index: number): SeedTownship {
  const match = /^(\d{9}) (\S+): (.+)$/.exec(line);
  if (!match) throw new Error(`bad township row: ${line}`);
  const [, code = '', name = '', villageList = ''] = match;
  // Ids are positional on purpose: a renamed village keeps its id, so past orders still roll up.
  const id = `${countyId}-t${pad2(index + 1)}`;
  const villages: SeedVillage[] = villageList
    .split(' ')
    .map((villageName, v) => ({ id: `${id}-v${pad2(v + 1)}`, name: villageName }));
  return { id, code, name, villages };
}

export const seedCounties: SeedCounty[] = COUNTY_ROWS.map((row) => {
  const id = `cn-${row.code}`;
  return {
    id,
    code: row.code,
    name: row.name,
    city: row.city,
    townships: row.townships.map((line, i) => parseTownship(id, line, i)),
  };
});

export interface VillagePlace {
  county: SeedCounty;
  township: SeedTownship;
  village: SeedVillage;
}

const villageIndex = new Map<string, VillagePlace>();
for (const county of seedCounties) {
  for (const township of county.townships) {
    for (const village of township.villages) villageIndex.set(village.id, { county, township, village });
  }
}

/** Where a village sits in the tree; undefined for an id this seed does not know. */
export function findVillage(villageId: string): VillagePlace | undefined {
  return villageIndex.get(villageId);
}

/** 潜江市熊口镇赵脑村 (熊口 is where 虾稻共作 took off): the village the demo terminal enrols for. */
export const DEMO_VILLAGE_ID = 'cn-429005-t01-v01';
