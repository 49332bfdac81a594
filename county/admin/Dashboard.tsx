/**
 * 统计看板: the plan's indicators for a month against its targets, their trend over two years, and the
 * next level down (county → township → village), each row a link one level deeper.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Indicators } from '../stats';
import type { DashboardResponse } from '../stats-routes';
import {
  fenFractionText,
  fenText,
  meetsFen,
  meetsPercent,
  percentText,
  percentValue,
  type Fraction,
} from '../stats-format';
import { get, qs } from './api';
import { Chart } from './Chart';
import { href } from './router';

interface Props {
  countyId: string;
  month: string;
  townshipId?: string | undefined;
  villageId?: string | undefined;
}

function Kpi({ label, value, sub, ok }: { label: string; value: string; sub?: string; ok?: boolean | null }) {
  const state = ok === true ? 'meets' : ok === false ? 'misses' : '';
  return (
    <div className={`kpi ${state}`} data-kpi={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
      {sub !== undefined && <small>{sub}</small>}
    </div>
  );
}

const pctOk = (f: Fraction | null, target: number) => meetsPercent(f, target);

function Kpis({ f, targets }: { f: Indicators; targets: DashboardResponse['targets'] }) {
  return (
    <dl className="kpis">
      <Kpi
        label="交易额"
        value={fenText(f.transactions.fen)}
        sub={`${f.transactions.n.toLocaleString()} 笔`}
      />
      <Kpi
        label="环比增长"
        value={percentText(f.mom)}
        sub={`目标 ≥ ${targets.growthPct}%`}
        ok={pctOk(f.mom, targets.growthPct)}
      />
      <Kpi
        label="同比增长"
        value={percentText(f.yoy)}
        sub={`目标 ≥ ${targets.growthPct}%`}
        ok={pctOk(f.yoy, targets.growthPct)}
      />
      <Kpi label="农产品网销额" value={fenText(f.produce.fen)} sub={`${f.produce.n} 笔`} />
      <Kpi
        label="网购村民占比"
        value={percentText(f.buyerShare)}
        sub={`${f.buyers} 人 / 注册 ${f.registeredVillagers ?? '—'} 人`}
      />
      <Kpi
        label="站点年均网购额"
        value={fenFractionText(f.annualSpendPerPoint)}
        sub={`目标 ≥ ${fenText(targets.annualSpendPerPointFen)}，${f.servicePoints} 个站点`}
        ok={meetsFen(f.annualSpendPerPoint, targets.annualSpendPerPointFen)}
      />
      <Kpi
        label="站点覆盖率"
        value={percentText(f.coverage)}
        sub={`活跃 ${f.activePoints} / 行政村 ${f.villages}，目标 ≥ ${targets.coveragePct}%`}
        ok={pctOk(f.coverage, targets.coveragePct)}
      />
      <Kpi label="进港 / 出港包裹" value={`${f.parcelsIn} / ${f.parcelsOut}`} />
      <Kpi
        label="累计培训人次"
        value={f.traineesToDate.toLocaleString()}
        sub={`本月 ${f.trainees} 人次，目标 ≥ ${targets.trainees}`}
        ok={f.traineesToDate >= targets.trainees}
      />
      <Kpi label="新增就业" value={String(f.jobs)} sub={`累计 ${f.jobsToDate}`} />
    </dl>
  );
}

function charts(d: DashboardResponse) {
  const months = d.series.map((s) => s.month);
  const axis = { type: 'category', data: months };
  const tooltip = { trigger: 'axis' };
  return {
    amount: {
      tooltip,
      legend: { data: ['交易额（元）', '交易笔数'] },
      grid: { left: 70, right: 60 },
      xAxis: axis,
      yAxis: [
        { type: 'value', name: '元' },
        { type: 'value', name: '笔' },
      ],
      series: [
        { name: '交易额（元）', type: 'bar', data: d.series.map((s) => s.transactions.fen / 100) },
        { name: '交易笔数', type: 'line', yAxisIndex: 1, data: d.series.map((s) => s.transactions.n) },
      ],
    },
    growth: {
      tooltip,
      legend: { data: ['环比', '同比'] },
      grid: { left: 60, right: 30 },
      xAxis: axis,
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '环比',
          type: 'line',
          data: d.series.map((s) => percentValue(s.mom)),
          markLine: { data: [{ yAxis: d.targets.growthPct, name: '目标' }], lineStyle: { type: 'dashed' } },
        },
        { name: '同比', type: 'line', data: d.series.map((s) => percentValue(s.yoy)) },
      ],
    },
    services: {
      tooltip,
      legend: { data: ['进港包裹', '出港包裹', '农产品网销笔数', '培训人次'] },
      grid: { left: 60, right: 30 },
      xAxis: axis,
      yAxis: { type: 'value' },
      series: [
        { name: '进港包裹', type: 'bar', data: d.series.map((s) => s.parcelsIn) },
        { name: '出港包裹', type: 'bar', data: d.series.map((s) => s.parcelsOut) },
        { name: '农产品网销笔数', type: 'line', data: d.series.map((s) => s.produce.n) },
        { name: '培训人次', type: 'line', data: d.series.map((s) => s.trainees) },
      ],
    },
    coverage: {
      tooltip,
      legend: { data: ['站点覆盖率', '网购村民占比'] },
      grid: { left: 60, right: 30 },
      xAxis: axis,
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '站点覆盖率',
          type: 'line',
          data: d.series.map((s) => percentValue(s.coverage)),
          markLine: { data: [{ yAxis: d.targets.coveragePct }], lineStyle: { type: 'dashed' } },
        },
        { name: '网购村民占比', type: 'line', data: d.series.map((s) => percentValue(s.buyerShare)) },
      ],
    },
  };
}

export function Dashboard({ countyId, month, townshipId, villageId }: Props) {
  const [data, setData] = useState<DashboardResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ms, setMs] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const started = performance.now();
    setError(null);
    void get<DashboardResponse>(
      `/api/v1/admin/counties/${encodeURIComponent(countyId)}/stats/dashboard${qs({ month, townshipId, villageId })}`,
    ).then((r) => {
      if (!live) return;
      setMs(Math.round(performance.now() - started));
      if (r.ok) setData(r.value);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [countyId, month, townshipId, villageId]);

  const options = useMemo(() => (data ? charts(data) : null), [data]);
  if (error !== null) return <p className="error">读取统计失败：{error}</p>;
  if (data === null || options === null) return <p>正在计算…</p>;
  const current = data.series.at(-1)!;
  const here = data.village?.name ?? data.township?.name ?? data.county.name;
  const childLabel = data.level === 'county' ? '乡镇' : '村';

  return (
    <div className="dashboard">
      <nav className="crumbs" aria-label="层级">
        <a href={href(['dashboard'], { month })}>{data.county.name}</a>
        {data.township && (
          <>
            {' › '}
            <a href={href(['dashboard'], { month, township: data.township.id })}>{data.township.name}</a>
          </>
        )}
        {data.village && <> › {data.village.name}</>}
      </nav>
      <h2>
        {here} · {data.month} 统计
      </h2>
      <Kpis f={current} targets={data.targets} />
      <div className="charts">
        <section>
          <h3>交易额与交易笔数（按月）</h3>
          <Chart option={options.amount} label="交易额与交易笔数" />
        </section>
        <section>
          <h3>环比、同比增长（目标 ≥ {data.targets.growthPct}%）</h3>
          <Chart option={options.growth} label="增长率" />
        </section>
        <section>
          <h3>包裹、农产品网销与培训</h3>
          <Chart option={options.services} label="包裹与服务" />
        </section>
        <section>
          <h3>覆盖率与网购村民占比</h3>
          <Chart option={options.coverage} label="覆盖率" />
        </section>
      </div>
      {data.children.length > 0 && (
        <section>
          <h3>
            各{childLabel}（{data.month}）
          </h3>
          <div className="table-wrap">
            <table className="drill">
              <thead>
                <tr>
                  <th>{childLabel}</th>
                  <th>交易笔数</th>
                  <th>交易额</th>
                  <th>环比</th>
                  <th>同比</th>
                  <th>农产品网销额</th>
                  <th>站点年均网购额</th>
                  <th>覆盖率</th>
                  <th>进港/出港</th>
                </tr>
              </thead>
              <tbody>
                {data.children.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <a
                        href={href(
                          ['dashboard'],
                          data.level === 'county'
                            ? { month, township: c.id }
                            : { month, township: data.township?.id, village: c.id },
                        )}
                      >
                        {c.name}
                      </a>
                    </td>
                    <td className="num">{c.figures.transactions.n}</td>
                    <td className="num">{fenText(c.figures.transactions.fen)}</td>
                    <td className="num">{percentText(c.figures.mom)}</td>
                    <td className="num">{percentText(c.figures.yoy)}</td>
                    <td className="num">{fenText(c.figures.produce.fen)}</td>
                    <td className="num">{fenFractionText(c.figures.annualSpendPerPoint)}</td>
                    <td className="num">{percentText(c.figures.coverage)}</td>
                    <td className="num">
                      {c.figures.parcelsIn}/{c.figures.parcelsOut}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {ms !== null && <p className="muted">查询用时 {ms} 毫秒</p>}
    </div>
  );
}
