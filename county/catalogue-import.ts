/**
 * Catalogue import from a spreadsheet (CSV or XLSX), as county staff keep their price lists.
 *
 * Invariants:
 * - Every row is validated before anything is written; a bad row is reported with its row number
 *   as the spreadsheet shows it (the header is row 1) and the whole import changes nothing.
 * - The writes are one transaction: all rows and their change feed rows, or none.
 * - Prices are read exactly: `priceFen` as an integer, or `price` in yuan with at most two decimals,
 *   converted from the digits (never through a float: 19.9 yuan must be 1990 fen, not 1989).
 *
 * Columns (header row, English or Chinese): id 编号, name 名称, categoryId 分类, barcode 条码,
 * brand 品牌, spec 规格, unit 单位, priceFen 价格分 or price 价格, origin 产地, tags 标签 (separated by
 * | or 、), imageUrl 图片, active 上架 (yes/no, 是/否, 1/0; default yes).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { itemBody } from './admin-contract';
import { categoryIds, upsertItems, type ItemInput, type UpsertCounts } from './catalogue';
import type { Db } from './db';
import { CountyError, type RowProblem } from './http-contract';

export const MAX_IMPORT_ROWS = 50_000;

const HEADERS: Record<string, string> = {
  id: 'id',
  编号: 'id',
  商品编号: 'id',
  name: 'name',
  名称: 'name',
  商品名称: 'name',
  categoryid: 'categoryId',
  category: 'categoryId',
  分类: 'categoryId',
  barcode: 'barcode',
  条码: 'barcode',
  brand: 'brand',
  品牌: 'brand',
  spec: 'spec',
  规格: 'spec',
  unit: 'unit',
  单位: 'unit',
  pricefen: 'priceFen',
  价格分: 'priceFen',
  price: 'price',
  价格: 'price',
  '价格(元)': 'price',
  单价: 'price',
  origin: 'origin',
  产地: 'origin',
  tags: 'tags',
  标签: 'tags',
  imageurl: 'imageUrl',
  图片: 'imageUrl',
  active: 'active',
  上架: 'active',
};

export type Sheet = { row: number; cells: Record<string, string> }[];

function normaliseHeader(header: string[]): { columns: (string | null)[]; unknown: string[] } {
  const unknown: string[] = [];
  const columns = header.map((h) => {
    const key = h.trim();
    const known = HEADERS[key] ?? HEADERS[key.toLowerCase()];
    if (known === undefined && key !== '') unknown.push(key);
    return known ?? null;
  });
  return { columns, unknown };
}

function toSheet(table: string[][]): Sheet {
  const [header, ...body] = table;
  if (!header) throw new CountyError('IMPORT_INVALID', '文件是空的 / the file is empty');
  const { columns, unknown } = normaliseHeader(header);
  if (unknown.length > 0) {
    throw new CountyError(
      'IMPORT_INVALID',
      `第1行有不认识的列 / unknown columns in row 1: ${unknown.join(', ')}`,
      {
        rows: [{ row: 1, message: `unknown columns: ${unknown.join(', ')}` }],
      },
    );
  }
  return body
    .map((cells, i) => ({
      row: i + 2,
      cells: Object.fromEntries(
        columns.flatMap((c, j) =>
          c === null || (cells[j] ?? '').trim() === '' ? [] : [[c, cells[j]!.trim()]],
        ),
      ),
    }))
    .filter((r) => Object.keys(r.cells).length > 0); // blank lines are not rows
}

export function readCsv(data: Buffer): Sheet {
  let table: string[][];
  try {
    table = parseCsv(data, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new CountyError(
      'IMPORT_INVALID',
      `CSV 无法解析 / the CSV cannot be read: ${(err as Error).message}`,
    );
  }
  return toSheet(table);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value);
}

export async function readXlsx(data: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new CountyError(
      'IMPORT_INVALID',
      `XLSX 无法解析 / the XLSX cannot be read: ${(err as Error).message}`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new CountyError('IMPORT_INVALID', '工作簿没有工作表 / the workbook has no sheet');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based; index 0 is empty
    table[n - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return toSheet(table);
}

/** '19.9' → 1990. Digits only, at most two decimals; anything else is an error, not a guess. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(text.replace(/^[¥￥]/, '').trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const YES = new Set(['yes', 'y', 'true', '1', '是', '上架']);
const NO = new Set(['no', 'n', 'false', '0', '否', '下架']);

function rowToItem(cells: Record<string, string>, categories: Set<string>): ItemInput | string {
  const { id, price, priceFen, active, tags, ...rest } = cells;
  if (!id) return 'id 不能为空 / id is required';
  let fen: number | null = null;
  if (priceFen !== undefined) fen = /^\d+$/.test(priceFen) ? Number(priceFen) : null;
  else if (price !== undefined) fen = yuanToFen(price);
  if (fen === null)
    return `价格无效 / price missing or not a number with at most 2 decimals: ${price ?? priceFen ?? ''}`;
  let isActive = true;
  if (active !== undefined) {
    if (YES.has(active.toLowerCase())) isActive = true;
    else if (NO.has(active.toLowerCase())) isActive = false;
    else return `上架应为 是/否 / active must be yes or no: ${active}`;
  }
  const parsed = itemBody.safeParse({
    ...rest,
    priceFen: fen,
    active: isActive,
    tags: tags
      ? tags
          .split(/[|、]/)
          .map((t) => t.trim())
          .filter((t) => t !== '')
      : [],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`;
  }
  if (!categories.has(parsed.data.categoryId))
    return `分类 ${parsed.data.categoryId} 不存在 / unknown category`;
  return { id, ...parsed.data };
}

export interface ImportResult extends UpsertCounts {
  rows: number;
}

/** Validates every row, then writes all of them in one transaction. Throws IMPORT_INVALID with `rows`. */
export async function importCatalogue(db: Db, countyId: string, sheet: Sheet): Promise<ImportResult> {
  if (sheet.length === 0) throw new CountyError('IMPORT_INVALID', '没有数据行 / no data rows');
  if (sheet.length > MAX_IMPORT_ROWS) {
    throw new CountyError(
      'IMPORT_INVALID',
      `一次最多导入 ${MAX_IMPORT_ROWS} 行 / at most ${MAX_IMPORT_ROWS} rows`,
    );
  }
  const categories = await categoryIds(db, countyId);
  const problems: RowProblem[] = [];
  const items: ItemInput[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of sheet) {
    const item = rowToItem(cells, categories);
    if (typeof item === 'string') {
      problems.push({ row, message: item });
      continue;
    }
    const earlier = firstRowOf.get(item.id);
    if (earlier !== undefined)
      problems.push({ row, message: `编号 ${item.id} 与第 ${earlier} 行重复 / duplicate id` });
    firstRowOf.set(item.id, row);
    items.push(item);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map((p) => `第${p.row}行 row ${p.row}: ${p.message}`);
    throw new CountyError(
      'IMPORT_INVALID',
      `${problems.length} 行有错误，未导入任何数据 / ${problems.length} bad rows, nothing imported. ${shown.join('; ')}`,
      { rows: problems },
    );
  }
  const counts = await db.transaction((tx) => upsertItems(tx, countyId, items));
  return { rows: items.length, ...counts };
}

/** Reads a file by its kind ('csv' | 'xlsx'), then imports it. */
export async function importCatalogueFile(db: Db, countyId: string, kind: 'csv' | 'xlsx', data: Buffer) {
  const sheet = kind === 'csv' ? readCsv(data) : await readXlsx(data);
  return importCatalogue(db, countyId, sheet);
}
