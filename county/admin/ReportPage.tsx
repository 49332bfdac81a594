/**
 * 每月度报送: the month's report as a printable page (the browser's 打印 prints only the table), with
 * the same figures as XLSX and CSV downloads (both built by the server from the same columns).
 */
import { useEffect, useState } from 'react';
import { cellText, REPORT_COLUMNS, type MonthlyReport } from '../report-columns';
import { download, get } from './api';
import { href } from './router';

export function ReportPage({ countyId, month }: { countyId: string; month: string }) {
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/v1/admin/counties/${encodeURIComponent(countyId)}/stats/report`;

  useEffect(() => {
    let live = true;
    setReport(null);
    void get<MonthlyReport>(`${base}?month=${month}`).then((r) => {
      if (!live) return;
      if (r.ok) setReport(r.value);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [base, month]);

  const save = async (ext: 'xlsx' | 'csv') => {
    const name = `${report?.county.name ?? countyId}-${month}-月度报送.${ext}`;
    const r = await download(`${base}.${ext}?month=${month}`, name);
    if (!r.ok) setError(r.message);
  };

  return (
    <div className="report">
      <div className="toolbar no-print">
        <label>
          月份{' '}
          <input
            type="month"
            value={month}
            onChange={(e) =>
              e.target.value && (window.location.hash = href(['report'], { month: e.target.value }))
            }
          />
        </label>
        <button onClick={() => void save('xlsx')}>下载 XLSX</button>
        <button onClick={() => void save('csv')}>下载 CSV</button>
        <button onClick={() => window.print()}>打印</button>
      </div>
      {error !== null && <p className="error">{error}</p>}
      {report === null ? (
        <p>正在生成…</p>
      ) : (
        <>
          <h2>
            {report.county.name} 电子商务进农村综合示范 · {report.month} 月度报送
          </h2>
          <p className="muted">
            生成时间 {new Date(report.generatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
            ；金额单位：元；按县服务中心收到记录的时间（北京时间）计入月份。
          </p>
          <div className="table-wrap">
            <table className="report-table">
              <thead>
                <tr>
                  {REPORT_COLUMNS.map((c) => (
                    <th key={c.header}>{c.header}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr
                    key={`${row.level}-${row.villageId ?? row.townshipId ?? 'county'}`}
                    className={row.level}
                  >
                    {REPORT_COLUMNS.map((c) => {
                      const v = c.get(row);
                      return (
                        <td key={c.header} className={v.kind === 'text' ? '' : 'num'}>
                          {cellText(v)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
