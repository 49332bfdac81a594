/**
 * County console (县级服务中心管理台), first screen: sign in with the admin token, then see the
 * service's health and how much it holds. The catalogue, notice and device screens come with the
 * admin API issue.
 */
import { StrictMode, useCallback, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import type { AdminSummaryResponse, HealthResponse } from '../http-contract';
import type { SummaryCounts } from '../summary';
import { fetchHealth, fetchSummary, tokenStore } from './api';

const countLabels: Record<keyof SummaryCounts, string> = {
  counties: '县',
  townships: '乡镇',
  villages: '村',
  categories: '商品分类',
  items: '商品',
  notices: '公告',
  devices: '终端',
  activeDevices: '在用终端',
};

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

function Health({ health }: { health: HealthResponse | null }) {
  if (health === null) return <p>正在检查…</p>;
  const time = new Date(health.serverTime).toLocaleString('zh-CN');
  return health.ok ? (
    <p>
      <span className="ok">● 运行正常</span> · 数据库{' '}
      {health.db === 'postgres' ? 'PostgreSQL' : 'PGlite（单机）'} · 结构版本 {health.schemaVersion} ·
      服务器时间 {time}
    </p>
  ) : (
    <p>
      <span className="bad">● 数据库不可用</span> · {health.error.message} · 服务器时间 {time}
    </p>
  );
}

function Counts({ summary }: { summary: AdminSummaryResponse | null }) {
  if (summary === null) return <p>正在加载…</p>;
  const entries = Object.entries(countLabels) as [keyof SummaryCounts, string][];
  return (
    <dl className="counts">
      {entries.map(([key, label]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd>{summary.counts[key].toLocaleString('zh-CN')}</dd>
        </div>
      ))}
    </dl>
  );
}

function Console() {
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const [health, setHealth] = useState<HealthResponse | null>(null);
  const [summary, setSummary] = useState<AdminSummaryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (current: string) => {
    const [h, s] = await Promise.all([fetchHealth(), fetchSummary(current)]);
    if (h.ok) setHealth(h.value);
    if (s.ok) {
      setSummary(s.value);
      setError(null);
    } else if (s.status === 401) {
      // A wrong or rotated token: forget it and ask again rather than showing stale figures.
      tokenStore.clear();
      setToken(null);
      setSummary(null);
      setError('管理令牌无效，请重新输入。');
    } else {
      setError(`读取统计失败：${s.message}`);
    }
  }, []);

  useEffect(() => {
    if (token !== null) void load(token);
  }, [token, load]);

  const signIn = (value: string) => {
    tokenStore.set(value);
    setToken(value);
  };
  const signOut = () => {
    tokenStore.clear();
    setToken(null);
    setSummary(null);
  };

  return (
    <main>
      <header>
        <h1>县级电子商务服务中心 · 管理台</h1>
        {token !== null && (
          <span>
            <button onClick={() => void load(token)}>刷新</button> <button onClick={signOut}>退出</button>
          </span>
        )}
      </header>
      {token === null ? (
        <SignIn onSignedIn={signIn} error={error} />
      ) : (
        <>
          <section>
            <h2>服务状态</h2>
            <Health health={health} />
          </section>
          <section>
            <h2>数据概况</h2>
            <Counts summary={summary} />
            {error !== null && <p className="error">{error}</p>}
          </section>
        </>
      )}
    </main>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
