/**
 * China's administrative regions (province → city → county) for the recipient's address pickers,
 * from the `china-area-data` package (`data.json`: a code maps to its children, code → name; the
 * root is '86').
 *
 * The table is about 116 KB, so it is loaded on first use (a separate chunk in the build) and kept:
 * the home screen never pays for it. Codes are the national GB/T 2260 codes, names as published.
 * Hong Kong and Macao list districts directly under the province, and a few cities have no county
 * level: `counties()` is then empty and the city stands for the county (see `addressParts`).
 */
export type RegionTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface Region {
  code: string;
  name: string;
}

export const ROOT_CODE = '86';

export class Regions {
  constructor(private readonly table: RegionTable) {}

  private list(code: string): Region[] {
    const children = this.table[code];
    if (!children) return [];
    return Object.entries(children).map(([c, name]) => ({ code: c, name }));
  }

  provinces(): Region[] {
    return this.list(ROOT_CODE);
  }

  cities(provinceCode: string): Region[] {
    return this.list(provinceCode);
  }

  counties(cityCode: string): Region[] {
    return this.list(cityCode);
  }

  /** The name of a code at any level; undefined for a code the table does not hold. */
  name(code: string): string | undefined {
    const parent = parentOf(code);
    return parent === undefined ? undefined : this.table[parent]?.[code];
  }

  /** Whether `child` is listed directly under `parent` (a picked city belongs to the picked province). */
  isChild(parent: string, child: string): boolean {
    return this.table[parent]?.[child] !== undefined;
  }
}

/** The code a code is listed under: 420111 → 420100 → 420000 → 86. */
function parentOf(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  if (code.endsWith('0000')) return ROOT_CODE;
  if (code.endsWith('00')) return `${code.slice(0, 2)}0000`;
  // Counties sit under their city; 省直辖县级行政区划 (潜江 429005) under the pseudo-city 429000, and
  // the districts of Hong Kong and Macao (810001) under the province itself, which is also XXXX00.
  return `${code.slice(0, 4)}00`;
}

export interface PickedRegion {
  province: Region;
  city: Region;
  /** Absent when the city has no county level. */
  county?: Region;
}

/**
 * The names the protocol's recipient carries (province, city, county are all required): a city
 * without a county level stands for its own county. Undefined when the pick is inconsistent.
 */
export function addressParts(
  regions: Regions,
  pick: PickedRegion,
): { province: string; city: string; county: string } | undefined {
  if (!regions.isChild(ROOT_CODE, pick.province.code)) return undefined;
  if (!regions.isChild(pick.province.code, pick.city.code)) return undefined;
  if (pick.county) {
    if (!regions.isChild(pick.city.code, pick.county.code)) return undefined;
  } else if (regions.counties(pick.city.code).length > 0) {
    return undefined;
  }
  return { province: pick.province.name, city: pick.city.name, county: (pick.county ?? pick.city).name };
}

let loading: Promise<Regions> | undefined;

/** Loads the table once (lazily, its own chunk); every later call gets the same instance. */
export function loadRegions(): Promise<Regions> {
  loading ??= import('china-area-data/data.json').then(
    (m: { default: RegionTable }) => new Regions(m.default),
  );
  return loading;
}
