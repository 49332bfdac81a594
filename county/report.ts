/**
 * The monthly report to the province (每月度报送): every indicator for a chosen month, for the county,
 * each township and each village, as JSON (the console's printable page), XLSX and CSV.
 */
import ExcelJS from 'exceljs';
import type { Queryable } from './db';
import { CountyError } from './http-contract';
import { cellNumber, cellText, REPORT_COLUMNS, type MonthlyReport, type ReportRow } from './report-columns';
import { indicatorsAllLevels, type Indicators } from './stats';

export async function buildMonthlyReport(
  db: Queryable,
  countyId: string,
  month: string,
  now: Date,
): Promise<MonthlyReport> {
  const [county] = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM counties WHERE id = $1',
    [countyId],
  );
  if (!county) throw new CountyError('NOT_FOUND', `县 ${countyId} 不存在 / no county ${countyId}`);
  const [{ county: countyFigures, townships, villages }, places] = await Promise.all([
    indicatorsAllLevels(db, countyId, month, now),
    db.query<{ tId: string; tName: string; vId: string; vName: string }>(
      `SELECT t.id AS "tId", t.name AS "tName", v.id AS "vId", v.name AS "vName"
       FROM villages v JOIN townships t ON t.id = v.township_id
       WHERE v.county_id = $1 ORDER BY t.code, t.id, v.id`,
      [countyId],
    ),
  ]);
  const rows: ReportRow[] = [];
  if (places.length > 0) {
    rows.push({
      level: 'county',
      townshipId: null,
      townshipName: '',
      villageId: null,
      villageName: '',
      figures: countyFigures,
    });
  }
  let township: string | null = null;
  for (const p of places) {
    if (p.tId !== township) {
      township = p.tId;
      rows.push({
        level: 'township',
        townshipId: p.tId,
        townshipName: p.tName,
        villageId: null,
        villageName: '',
        figures: townships.get(p.tId) as Indicators,
      });
    }
    rows.push({
      level: 'village',
      townshipId: p.tId,
      townshipName: p.tName,
      villageId: p.vId,
      villageName: p.vName,
      figures: villages.get(p.vId) as Indicators,
    });
  }
  return { county, month, generatedAt: now.toISOString(), rows };
}

export const reportFileName = (report: MonthlyReport, ext: 'xlsx' | 'csv') =>
  `${report.county.name}-${report.month}-月度报送.${ext}`;

const NOTES = [
  '口径：按县服务中心收到记录的时间（北京时间）计入月份；金额单位为元，由整数“分”换算。',
  '交易 = 代购（不含已取消、已拒绝订单，按结算价，无结算价按下单价）+ 农产品网销（已售）+ 缴费充值（不含失败）+ 订票（不含已拒绝）+ 店内销售。',
  '站点年均网购额 = 当月代购金额 × 12 ÷ 服务站点数；覆盖率 = 当月有终端同步的村 ÷ 行政村数（本月按近30天）。',
  '网购村民占比 = 当月下单手机号数 ÷ 月末注册村民数；目标：增长 ≥ 35%，站点年均网购额 ≥ 5万元，覆盖率 ≥ 80%，累计培训 ≥ 3000 人次。',
];

export async function reportXlsx(report: MonthlyReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(report.generatedAt);
  const sheet = book.addWorksheet(`${report.month} 月度报送`, {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }],
  });
  sheet.addRow([`${report.county.name} 电子商务进农村综合示范 · ${report.month} 月度报送`]).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([
    `生成时间：${new Date(report.generatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`,
  ]);
  const header = sheet.addRow(REPORT_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  REPORT_COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  for (const row of report.rows) {
    const values = REPORT_COLUMNS.map((c) => c.get(row));
    const added = sheet.addRow(values.map(cellNumber));
    values.forEach((v, i) => {
      const cell = added.getCell(i + 1);
      if (v.kind === 'fen' || v.kind === 'avgFen') cell.numFmt = '#,##0.00';
      if (v.kind === 'pct') cell.numFmt = '0.0%';
      if (cell.value === null) cell.value = '—';
    });
    if (row.level !== 'village') added.font = { bold: true };
  }
  sheet.addRow([]);
  for (const note of NOTES) sheet.addRow([note]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** UTF-8 with a byte-order mark, so Excel opens the Chinese headers correctly; CRLF line ends. */
export function reportCsv(report: MonthlyReport): Buffer {
  const lines = [REPORT_COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const row of report.rows) {
    lines.push(REPORT_COLUMNS.map((c) => csvField(cellText(c.get(row)).replace(/,/g, ''))).join(','));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
