/**
 * Small forms of the console's actions: each posts one admin API call and says in words what
 * happened. Amounts are typed in yuan and become integer fen without floating point.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { call } from './api';
import { usePlaces } from './places';

/** "12.5" → 1250; anything that is not a plain amount → undefined (never a rounded guess). */
export function parseYuan(text: string): number | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export interface Field {
  name: string;
  label: string;
  kind?:
    | 'text'
    | 'yuan'
    | 'number'
    | 'datetime'
    | 'month'
    | 'textarea'
    | 'checkbox'
    | 'village'
    | 'villages'
    | 'select';
  options?: readonly (readonly [string, string])[];
  required?: boolean;
}

type Values = Record<string, string | boolean | string[]>;

function toBody(fields: Field[], values: Values): { body?: Record<string, unknown>; error?: string } {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'checkbox') {
      body[f.name] = v === true;
      continue;
    }
    if (f.kind === 'villages') {
      body[f.name] = Array.isArray(v) ? v : [];
      continue;
    }
    const text = typeof v === 'string' ? v.trim() : '';
    if (text === '') {
      if (f.required) return { error: `请填写${f.label}` };
      continue;
    }
    if (f.kind === 'yuan') {
      const fen = parseYuan(text);
      if (fen === undefined) return { error: `${f.label}应为金额，如 12.50` };
      body[f.name] = fen;
    } else if (f.kind === 'number') {
      if (!/^\d+$/.test(text)) return { error: `${f.label}应为整数` };
      body[f.name] = Number(text);
    } else if (f.kind === 'datetime') {
      body[f.name] = new Date(text).toISOString();
    } else body[f.name] = text;
  }
  return { body };
}

function Input({
  f,
  value,
  set,
}: {
  f: Field;
  value: Values[string] | undefined;
  set: (v: Values[string]) => void;
}) {
  const places = usePlaces();
  const villages = (places ?? []).flatMap((t) =>
    t.villages.map((v) => [v.id, `${t.name} · ${v.name}`] as const),
  );
  switch (f.kind) {
    case 'textarea':
      return (
        <textarea
          aria-label={f.label}
          value={String(value ?? '')}
          onChange={(e) => set(e.target.value)}
          rows={4}
        />
      );
    case 'checkbox':
      return (
        <input
          type="checkbox"
          aria-label={f.label}
          checked={value === true}
          onChange={(e) => set(e.target.checked)}
        />
      );
    case 'village':
    case 'select':
      return (
        <select aria-label={f.label} value={String(value ?? '')} onChange={(e) => set(e.target.value)}>
          <option value="">请选择</option>
          {(f.kind === 'village' ? villages : (f.options ?? [])).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      );
    case 'villages':
      return (
        <select
          multiple
          aria-label={f.label}
          size={6}
          value={Array.isArray(value) ? value : []}
          onChange={(e) => set([...e.target.selectedOptions].map((o) => o.value))}
        >
          {villages.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      );
    default:
      return (
        <input
          aria-label={f.label}
          type={f.kind === 'datetime' ? 'datetime-local' : f.kind === 'month' ? 'month' : 'text'}
          inputMode={f.kind === 'yuan' || f.kind === 'number' ? 'decimal' : undefined}
          value={String(value ?? '')}
          onChange={(e) => set(e.target.value)}
        />
      );
  }
}

export function ActionForm({
  title,
  fields = [],
  method = 'POST',
  path,
  fixed = {},
  done,
  confirm,
  render,
}: {
  title: string;
  fields?: Field[];
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Body fields not typed by the user (e.g. {action: 'sold'}). */
  fixed?: Record<string, unknown>;
  done: (value: unknown) => void;
  confirm?: string;
  /** What to show after success (e.g. a code shown once). */
  render?: (value: unknown) => ReactNode;
}) {
  const [values, setValues] = useState<Values>({});
  const [message, setMessage] = useState<{ ok: boolean; text: ReactNode } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { body, error } = toBody(fields, values);
    if (error !== undefined) return setMessage({ ok: false, text: error });
    if (confirm !== undefined && !window.confirm(confirm)) return;
    setBusy(true);
    const hasBody = method !== 'DELETE';
    const r = await call(method, path, hasBody ? { ...fixed, ...body } : undefined);
    setBusy(false);
    if (r.ok) {
      setMessage({ ok: true, text: render ? render(r.value) : `${title}：已完成` });
      setValues({});
      done(r.value);
    } else setMessage({ ok: false, text: `${title}失败：${r.message}` });
  };
  return (
    <form className="action" onSubmit={(e) => void submit(e)} aria-label={title}>
      {fields.map((f) => (
        <label key={f.name} className={f.kind === 'textarea' || f.kind === 'villages' ? 'wide' : ''}>
          <span>
            {f.label}
            {f.required ? ' *' : ''}
          </span>
          <Input f={f} value={values[f.name]} set={(v) => setValues((old) => ({ ...old, [f.name]: v }))} />
        </label>
      ))}
      <button type="submit" disabled={busy}>
        {title}
      </button>
      {message !== null && <p className={message.ok ? 'ok' : 'error'}>{message.text}</p>}
    </form>
  );
}
