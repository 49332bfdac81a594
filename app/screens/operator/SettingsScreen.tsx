import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskSettings, KioskTransport, SettingsView } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { SettingsCompartments, toRow, type CompartmentRow } from './SettingsCompartments';
import { SettingsKeypad } from './SettingsKeypad';
import './SettingsForm.css';

/** The form as typed: numbers stay text until saved, an empty text means "not set". */
interface Form {
  countyUrl: string;
  idleTimeoutSeconds: string;
  locale: KioskSettings['locale'];
  printerTarget: string;
  paperWidthMm: number;
  lockerPort: string;
  lockerProtocol: KioskSettings['locker']['protocol'];
  compartments: CompartmentRow[];
  scannerPort: string;
  scannerBaud: string;
}

function toForm(s: KioskSettings): Form {
  return {
    countyUrl: s.countyUrl ?? '',
    idleTimeoutSeconds: String(s.idleTimeoutSeconds),
    locale: s.locale,
    printerTarget: s.printer.target ?? '',
    paperWidthMm: s.printer.paperWidthMm,
    lockerPort: s.locker.port ?? '',
    lockerProtocol: s.locker.protocol,
    compartments: s.locker.compartments.map(toRow),
    scannerPort: s.scanner.port ?? '',
    scannerBaud: String(s.scanner.baudRate),
  };
}

const text = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The form back as settings, or the label of the first field that is not a whole number. Ranges and
 * everything else are the shell's to judge (settings.save checks them with the configuration schema
 * and names the wrong setting), so there is one set of rules, not two.
 */
function toSettings(f: Form, label: (key: string) => string): KioskSettings | { notNumber: string } {
  const numbers: [string, string][] = [
    [f.idleTimeoutSeconds, label('settings.idleTimeout')],
    [f.scannerBaud, label('settings.scannerBaud')],
    ...f.compartments.flatMap((r, i): [string, string][] => [
      [r.board, `${label('settings.column.board')} ${i + 1}`],
      [r.lock, `${label('settings.column.lock')} ${i + 1}`],
    ]),
  ];
  const bad = numbers.find(([value]) => !/^\d{1,9}$/.test(value.trim()));
  if (bad) return { notNumber: bad[1] };
  return {
    countyUrl: text(f.countyUrl),
    idleTimeoutSeconds: Number(f.idleTimeoutSeconds),
    locale: f.locale,
    printer: { target: text(f.printerTarget), paperWidthMm: f.paperWidthMm },
    locker: {
      port: text(f.lockerPort),
      protocol: f.lockerProtocol,
      compartments: f.compartments.map((r) => ({
        id: r.id.trim(),
        board: Number(r.board),
        lock: Number(r.lock),
        size: r.size,
        disabled: r.disabled,
      })),
    },
    scanner: { port: text(f.scannerPort), baudRate: Number(f.scannerBaud) },
  };
}

type Note = { ok: boolean; text: string };

type TextKey =
  'countyUrl' | 'idleTimeoutSeconds' | 'printerTarget' | 'lockerPort' | 'scannerPort' | 'scannerBaud';
/** The field the on-screen keypad types into: a named field or a cell of the compartment map. */
type Active = { kind: 'field'; key: TextKey } | { kind: 'cell'; row: number; col: 'id' | 'board' | 'lock' };
const fieldLabels: Record<TextKey, string> = {
  countyUrl: 'settings.countyUrl',
  idleTimeoutSeconds: 'settings.idleTimeout',
  printerTarget: 'settings.printerTarget',
  lockerPort: 'settings.lockerPort',
  scannerPort: 'settings.scannerPort',
  scannerBaud: 'settings.scannerBaud',
};
const numericKeys = new Set<TextKey>(['idleTimeoutSeconds', 'scannerBaud']);

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="settings-field">
      {label}
      {children}
      {hint && <span className="settings-field__hint">{hint}</span>}
    </label>
  );
}

function Choice<T extends string | number>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly { value: T; text: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="settings-field" role="group" aria-label={label}>
      {label}
      <div className="settings-choice">
        {options.map((o) => (
          <BigButton
            key={String(o.value)}
            variant="secondary"
            aria-pressed={o.value === value}
            onClick={() => onChange(o.value)}
          >
            {o.text}
          </BigButton>
        ))}
      </div>
    </div>
  );
}

/**
 * 终端设置 for the technician: county address (with 测试连接), idle timeout, language, printer,
 * locker bank and its compartment map, serial scanner. Saved through KioskApi settings.save, which
 * validates everything and writes vpk.config.json atomically; every change applies after a restart,
 * and the screen says which. Sign-in and the technician role are the menu's gate, not this screen's.
 */
export function SettingsScreen({ api, onBack }: { api: KioskTransport; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<SettingsView>();
  const [loadError, setLoadError] = useState<string>();
  const [form, setForm] = useState<Form>();
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<Note>();
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<Note>();

  useEffect(() => {
    let alive = true;
    void api.invoke('settings.get', {}).then((r) => {
      if (!alive) return;
      if (r.ok) {
        setView(r.value);
        setForm(toForm(r.value.settings));
      } else setLoadError(t('settings.loadFailed', { reason: r.error.message }));
    });
    return () => {
      alive = false;
    };
  }, [api, t]);

  const [active, setActive] = useState<Active>();
  const edit = (a: Active, change: (value: string) => string) => {
    setNote(undefined);
    setForm((f) => {
      if (!f) return f;
      if (a.kind === 'field') return { ...f, [a.key]: change(f[a.key]) };
      return {
        ...f,
        compartments: f.compartments.map((r, i) => (i === a.row ? { ...r, [a.col]: change(r[a.col]) } : r)),
      };
    });
  };
  const activeLabel = (a: Active) =>
    a.kind === 'field' ? t(fieldLabels[a.key]) : `${t(`settings.column.${a.col}`)} ${a.row + 1}`;
  const textInput = (key: TextKey, short = false) => (
    <input
      className={short ? 'text-field text-field--short' : 'text-field'}
      inputMode={numericKeys.has(key) ? 'numeric' : 'text'}
      value={form?.[key] ?? ''}
      onFocus={() => setActive({ kind: 'field', key })}
      onChange={(e) => edit({ kind: 'field', key }, () => e.target.value)}
    />
  );

  const set = (patch: Partial<Form>) => {
    setNote(undefined);
    setForm((f) => (f ? { ...f, ...patch } : f));
  };

  const save = async () => {
    if (!form) return;
    const settings = toSettings(form, (key) => t(key));
    if ('notNumber' in settings) {
      setNote({ ok: false, text: t('settings.notNumber', { field: settings.notNumber }) });
      return;
    }
    setSaving(true);
    const r = await api.invoke('settings.save', { settings });
    setSaving(false);
    if (!r.ok) {
      setNote({ ok: false, text: t('settings.saveFailed', { message: r.error.message }) });
      return;
    }
    const changed = r.value.restartRequired.map((path) =>
      t(`settings.changed.${path}`, { defaultValue: path }),
    );
    setNote({
      ok: true,
      text: changed.length
        ? t('settings.savedRestart', { list: changed.join('、') })
        : t('settings.savedNoChange'),
    });
  };

  const testCounty = async () => {
    if (!form) return;
    setTesting(true);
    setTest(undefined);
    const r = await api.invoke('settings.testCounty', { url: form.countyUrl.trim() });
    setTesting(false);
    if (!r.ok) return setTest({ ok: false, text: t('settings.testFailed', { message: r.error.message }) });
    const when = (d: Date) => d.toLocaleString(i18n.language);
    const clock = r.value.serverTime
      ? ` · ${t('settings.testClock', { server: when(new Date(r.value.serverTime)), local: when(new Date()) })}`
      : '';
    setTest({ ok: true, text: `${t('settings.testOk', { ms: r.value.latencyMs })}${clock}` });
  };

  const back = (
    <div className="panel__actions">
      <BigButton variant="secondary" onClick={onBack}>
        {t('settings.back')}
      </BigButton>
      {form && (
        <BigButton disabled={saving} onClick={() => void save()}>
          {saving ? t('settings.saving') : t('settings.save')}
        </BigButton>
      )}
    </div>
  );

  return (
    <section className="panel panel--wide settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      {!form && !loadError && <p>{t('settings.loading')}</p>}
      {loadError && (
        <p className="panel__error" role="alert">
          {loadError}
        </p>
      )}
      {view && form && (
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <p>{t('settings.restartNote')}</p>
          {view.restartPending && <p className="fact--bad">{t('settings.restartPending')}</p>}
          {view.fromEnvironment.map((e) => (
            <p key={e.setting} className="settings-field__hint">
              {t('settings.fromEnvironment', e)}
            </p>
          ))}

          <fieldset>
            <legend>{t('settings.sections.county')}</legend>
            <Field label={t('settings.countyUrl')} hint={t('settings.countyUrlHint')}>
              {textInput('countyUrl')}
            </Field>
            <div>
              <BigButton
                variant="secondary"
                disabled={testing || form.countyUrl.trim() === ''}
                onClick={() => void testCounty()}
              >
                {testing ? t('settings.testing') : t('settings.testCounty')}
              </BigButton>
            </div>
            {test && (
              <p className={test.ok ? undefined : 'panel__error'} role={test.ok ? 'status' : 'alert'}>
                {test.text}
              </p>
            )}
          </fieldset>

          <fieldset>
            <legend>{t('settings.sections.screen')}</legend>
            <Field label={t('settings.idleTimeout')}>{textInput('idleTimeoutSeconds', true)}</Field>
            <Choice
              label={t('settings.locale')}
              value={form.locale}
              options={(['zh-CN', 'en'] as const).map((l) => ({
                value: l,
                text: t(`settings.locales.${l}`),
              }))}
              onChange={(locale) => set({ locale })}
            />
          </fieldset>

          <fieldset>
            <legend>{t('settings.sections.printer')}</legend>
            <Field label={t('settings.printerTarget')} hint={t('settings.printerTargetHint')}>
              {textInput('printerTarget')}
            </Field>
            <Choice
              label={t('settings.paperWidth')}
              value={form.paperWidthMm}
              options={[58, 80].map((mm) => ({ value: mm, text: t('settings.paperWidthMm', { mm }) }))}
              onChange={(paperWidthMm) => set({ paperWidthMm })}
            />
          </fieldset>

          <fieldset>
            <legend>{t('settings.sections.locker')}</legend>
            <Field label={t('settings.lockerPort')} hint={t('settings.lockerPortHint')}>
              {textInput('lockerPort')}
            </Field>
            <Choice
              label={t('settings.lockerProtocol')}
              value={form.lockerProtocol}
              options={(['generic', 'kerong'] as const).map((p) => ({
                value: p,
                text: t(`settings.protocols.${p}`),
              }))}
              onChange={(lockerProtocol) => set({ lockerProtocol })}
            />
            <SettingsCompartments
              rows={form.compartments}
              onChange={(compartments) => set({ compartments })}
              onFocusCell={(row, col) => setActive({ kind: 'cell', row, col })}
            />
          </fieldset>

          <fieldset>
            <legend>{t('settings.sections.scanner')}</legend>
            <Field label={t('settings.scannerPort')} hint={t('settings.scannerPortHint')}>
              {textInput('scannerPort')}
            </Field>
            <Field label={t('settings.scannerBaud')}>{textInput('scannerBaud', true)}</Field>
          </fieldset>

          {note && (
            <p className={note.ok ? undefined : 'panel__error'} role={note.ok ? 'status' : 'alert'}>
              {note.text}
            </p>
          )}
        </form>
      )}
      {back}
      {active && form && (
        <SettingsKeypad
          field={activeLabel(active)}
          onKey={(key) => edit(active, (v) => v + key)}
          onBackspace={() => edit(active, (v) => v.slice(0, -1))}
          onClear={() => edit(active, () => '')}
          onDone={() => setActive(undefined)}
        />
      )}
    </section>
  );
}
