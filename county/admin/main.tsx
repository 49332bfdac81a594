/**
 * County console (县级服务中心管理台): sign in with the admin token, pick the county, then the
 * dashboard, the monthly report and the lists the county runs its month from. Hash routes:
 *
 *   #/dashboard?month=&township=&village=   #/report?month=   #/<list>?filters   #/<list>/<id>
 */
import { StrictMode, useCallback, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import type { AdminSummaryResponse, HealthResponse } from '../http-contract';
import { addMonths } from '../stats-format';
import { fetchHealth, fetchSummary, get, setUnauthorizedHandler, tokenStore } from './api';
import { Dashboard } from './Dashboard';
import { DetailPage, ListPage } from './ListPage';
import { SPECS } from './pages';
import { setPlacesCounty } from './places';
import { ReportPage } from './ReportPage';
import { href, useRoute } from './router';

interface County {
  id: string;
  name: string;
  city: string;
  villages: number;
}

const COUNTY_KEY = 'vpk.county.selected';

/** This month in China Standard Time, 'YYYY-MM'. */
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

function SignIn({ onSignedIn, error }: { onSignedIn: (token: string) => void; error: string | null }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() !== '') onSignedIn(token.trim());
  };
  return (
    <section>
      <h2>登录</h2>
      <form onSubmit={submit}>
        <input
          type="password"
          autoComplete="current-password"
          placeholder="管理令牌（VPK_ADMIN_TOKEN）"
          aria-label="管理令牌"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoFocus
        />
        <button type="submit">登录</button>
      </form>
      {error !== null && <p className="error">{error}</p>}
    </section>
  );
}

function Health({
  health,
  summary,
}: {
  health: HealthResponse | null;
  summary: AdminSummaryResponse | null;
}) {
  if (health === null) return null;
  return (
    <p className="muted health">
      {health.ok ? <span className="ok">● 运行正常</span> : <span className="bad">● 数据库不可用</span>} ·{' '}
      {health.db === 'postgres' ? 'PostgreSQL' : 'PGlite（单机）'}
      {health.ok && ` · 结构版本 ${health.schemaVersion}`}
      {summary &&
        ` · 终端 ${summary.counts.activeDevices}/${summary.counts.devices} · 商品 ${summary.counts.items}`}
    </p>
  );
}

const NAV: [string, string][] = [
  ['dashboard', '统计看板'],
  ['report', '月度报送'],
  ...SPECS.map((s) => [s.slug, s.title] as [string, string]),
];

function Page({ countyId }: { countyId: string }) {
  const { segments, query } = useRoute();
  const [slug = 'dashboard', id] = segments;
  const month = query.get('month') ?? (slug === 'report' ? addMonths(thisMonth(), -1) : thisMonth());
  if (slug === 'dashboard') {
    return (
      <>
        <div className="toolbar no-print">
          <label>
            月份{' '}
            <input
              type="month"
              aria-label="统计月份"
              value={month}
              onChange={(e) =>
                e.target.value &&
                (window.location.hash = href(['dashboard'], {
                  month: e.target.value,
                  township: query.get('township') ?? undefined,
                  village: query.get('village') ?? undefined,
                }))
              }
            />
          </label>
          <a href={href(['report'], { month })}>本月报送表 ›</a>
        </div>
        <Dashboard
          countyId={countyId}
          month={month}
          townshipId={query.get('township') ?? undefined}
          villageId={query.get('village') ?? undefined}
        />
      </>
    );
  }
  if (slug === 'report') return <ReportPage countyId={countyId} month={month} />;
  const spec = SPECS.find((s) => s.slug === slug);
  if (!spec) return <p>没有这个页面。</p>;
  return id !== undefined ? (
    <DetailPage key={`${slug}/${id}`} spec={spec} countyId={countyId} id={id} />
  ) : (
    <ListPage key={slug} spec={spec} countyId={countyId} query={query} />
  );
}

function Console() {
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const [health, setHealth] = useState<HealthResponse | null>(null);
  const [summary, setSummary] = useState<AdminSummaryResponse | null>(null);
  const [counties, setCounties] = useState<County[] | null>(null);
  const [countyId, setCountyId] = useState<string | null>(() => localStorage.getItem(COUNTY_KEY));
  const [error, setError] = useState<string | null>(null);
  const { segments } = useRoute();

  const signOut = useCallback((message: string | null = null) => {
    tokenStore.clear();
    setToken(null);
    setSummary(null);
    setCounties(null);
    setError(message);
  }, []);

  useEffect(() => {
    // A wrong or rotated token: forget it and ask again rather than showing stale figures.
    setUnauthorizedHandler(() => signOut('管理令牌无效，请重新输入。'));
  }, [signOut]);

  useEffect(() => {
    if (token === null) return;
    void fetchHealth().then((h) => h.ok && setHealth(h.value));
    void fetchSummary().then((s) => s.ok && setSummary(s.value));
    void get<County[]>('/api/v1/admin/counties').then((r) => {
      if (!r.ok) return setError(`读取县列表失败：${r.message}`);
      setCounties(r.value);
      setError(null);
    });
  }, [token]);

  const county = counties?.find((c) => c.id === countyId) ?? counties?.[0] ?? null;
  if (county) setPlacesCounty(county.id);

  return (
    <div className="shell">
      <header className="no-print">
        <h1>县级电子商务服务中心 · 管理台</h1>
        {token !== null && counties !== null && county !== null && (
          <span className="top">
            <select
              aria-label="县"
              value={county.id}
              onChange={(e) => {
                localStorage.setItem(COUNTY_KEY, e.target.value);
                setCountyId(e.target.value);
              }}
            >
              {counties.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.city} · {c.name}（{c.villages} 村）
                </option>
              ))}
            </select>{' '}
            <button onClick={() => signOut()}>退出</button>
          </span>
        )}
      </header>
      {token === null ? (
        <main>
          <SignIn
            onSignedIn={(value) => {
              tokenStore.set(value);
              setToken(value);
            }}
            error={error}
          />
        </main>
      ) : county === null ? (
        <main>{error !== null ? <p className="error">{error}</p> : <p>正在加载…</p>}</main>
      ) : (
        <div className="body">
          <nav className="side no-print" aria-label="菜单">
            {NAV.map(([slug, label]) => (
              <a
                key={slug}
                href={href([slug])}
                aria-current={(segments[0] ?? 'dashboard') === slug ? 'page' : undefined}
              >
                {label}
              </a>
            ))}
          </nav>
          <main>
            <Health health={health} summary={summary} />
            <Page key={county.id} countyId={county.id} />
          </main>
        </div>
      )}
    </div>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
