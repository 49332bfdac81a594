/**
 * One list-with-filters and one detail page, driven by a small description per kind of record
 * (pages.tsx). Filters live in the URL (#/orders?status=received&villageId=…), so a filtered list can
 * be bookmarked and the back button returns to it.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { fenText } from '../stats-format';
import { get, qs } from './api';
import { href } from './router';
import { usePlaces } from './places';

export type Row = Record<string, unknown>;

export interface Filter {
  name: string;
  label: string;
  /** Options of a select; 'village' = the county's villages; 'date' = a day; 'text' = free text. */
  kind: 'select' | 'village' | 'date' | 'month' | 'text';
  options?: readonly (readonly [string, string])[];
}

export interface Column {
  key: string;
  label: string;
  render?: (row: Row) => ReactNode;
}

export interface ListSpec {
  slug: string;
  title: string;
  /** API path under /api/v1/admin/counties/:countyId. */
  api: string;
  idKey: string;
  filters: Filter[];
  columns: Column[];
  /** Paged with limit/offset (the API supports it). */
  paged?: boolean;
  /** Extra content above the list (a form to add one). */
  header?: (ctx: Ctx) => ReactNode;
  /** Actions on the detail page. */
  actions?: (row: Row, ctx: Ctx) => ReactNode;
  /** The detail comes from the list (no GET /:id for this kind). */
  detailFromList?: boolean;
  /** Filters the API does not apply, applied to the rows here. */
  clientFilter?: (row: Row, values: Record<string, string>) => boolean;
}

export interface Ctx {
  countyId: string;
  base: string;
  reload: () => void;
}

const PAGE = 50;

export const time = (v: unknown) =>
  typeof v === 'string' && v
    ? new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
    : '—';
/** A cell's text: primitives as they are, anything else as JSON. */
export const str = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return v.toString();
  return JSON.stringify(v);
};
export const money = (v: unknown) => (typeof v === 'number' ? fenText(v) : '—');

function FilterField({ f, value, onChange }: { f: Filter; value: string; onChange: (v: string) => void }) {
  const places = usePlaces();
  if (f.kind === 'select' || f.kind === 'village') {
    const options =
      f.kind === 'village'
        ? (places ?? []).flatMap((t) => t.villages.map((v) => [v.id, `${t.name} · ${v.name}`] as const))
        : (f.options ?? []);
    return (
      <label>
        {f.label}{' '}
        <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={f.label}>
          <option value="">全部</option>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <label>
      {f.label}{' '}
      <input
        type={f.kind === 'date' ? 'date' : f.kind === 'month' ? 'month' : 'search'}
        value={value}
        aria-label={f.label}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function ListPage({
  spec,
  countyId,
  query,
}: {
  spec: ListSpec;
  countyId: string;
  query: URLSearchParams;
}) {
  const base = `/api/v1/admin/counties/${encodeURIComponent(countyId)}`;
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const values = Object.fromEntries(spec.filters.map((f) => [f.name, query.get(f.name) ?? '']));
  const page = Number(query.get('page') ?? '0');
  const search = qs({ ...values, ...(spec.paged ? { limit: PAGE, offset: page * PAGE } : {}) });

  useEffect(() => {
    let live = true;
    void get<Row[]>(`${base}${spec.api}${search}`).then((r) => {
      if (!live) return;
      if (r.ok) {
        setRows(spec.clientFilter ? r.value.filter((row) => spec.clientFilter!(row, values)) : r.value);
        setError(null);
      } else setError(r.message);
    });
    return () => {
      live = false;
    };
    // `values` is derived from the same query as `search`: depending on `search` is enough.
  }, [base, spec, search, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setFilter = (name: string, value: string) => {
    window.location.hash = href([spec.slug], { ...values, [name]: value });
  };

  return (
    <div>
      <h2>{spec.title}</h2>
      {spec.header?.({ countyId, base, reload })}
      {spec.filters.length > 0 && (
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          {spec.filters.map((f) => (
            <FilterField
              key={f.name}
              f={f}
              value={values[f.name] ?? ''}
              onChange={(v) => setFilter(f.name, v)}
            />
          ))}
        </form>
      )}
      {error !== null && <p className="error">{error}</p>}
      {rows === null ? (
        <p>正在加载…</p>
      ) : rows.length === 0 ? (
        <p className="muted">没有符合条件的记录。</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {spec.columns.map((c) => (
                  <th key={c.key}>{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const id = String(row[spec.idKey]);
                return (
                  <tr key={id}>
                    {spec.columns.map((c, i) => (
                      <td key={c.key}>
                        {i === 0 ? (
                          <a href={href([spec.slug, id], values)}>
                            {c.render ? c.render(row) : str(row[c.key])}
                          </a>
                        ) : c.render ? (
                          c.render(row)
                        ) : (
                          str(row[c.key])
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {spec.paged && (
        <p className="pager">
          {page > 0 && <a href={href([spec.slug], { ...values, page: String(page - 1) })}>‹ 上一页</a>} 第{' '}
          {page + 1} 页{' '}
          {rows !== null && rows.length === PAGE && (
            <a href={href([spec.slug], { ...values, page: String(page + 1) })}>下一页 ›</a>
          )}
        </p>
      )}
    </div>
  );
}

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  if (typeof value === 'object') return <pre>{JSON.stringify(value, null, 2)}</pre>;
  return <>{str(value)}</>;
}

export function DetailPage({ spec, countyId, id }: { spec: ListSpec; countyId: string; id: string }) {
  const base = `/api/v1/admin/counties/${encodeURIComponent(countyId)}`;
  const [row, setRow] = useState<Row | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const load = spec.detailFromList
      ? get<Row[]>(`${base}${spec.api}?limit=1000`).then((r) =>
          r.ok
            ? r.value.find((x) => String(x[spec.idKey]) === id)
              ? { ok: true as const, value: r.value.find((x) => String(x[spec.idKey]) === id)! }
              : { ok: false as const, message: '记录不存在' }
            : r,
        )
      : get<Row>(`${base}${spec.api}/${encodeURIComponent(id)}`);
    void load.then((r) => {
      if (!live) return;
      if (r.ok) setRow(r.value);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [base, spec, id, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  return (
    <div>
      <p className="no-print">
        <a href={href([spec.slug])}>‹ 返回{spec.title}</a>
      </p>
      <h2>
        {spec.title} · {id}
      </h2>
      {error !== null && <p className="error">{error}</p>}
      {row !== null && (
        <>
          {spec.actions && <div className="actions">{spec.actions(row, { countyId, base, reload })}</div>}
          <dl className="detail">
            {Object.entries(row).map(([k, v]) => {
              const column = spec.columns.find((c) => c.key === k);
              return (
                <div key={k}>
                  <dt>{column?.label ?? k}</dt>
                  <dd>{column?.render ? column.render(row) : <Value value={v} />}</dd>
                </div>
              );
            })}
          </dl>
        </>
      )}
    </div>
  );
}
