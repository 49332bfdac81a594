import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeKeypad } from '../../components/CodeKeypad';
import { NumberPad } from '../../components/NumberPad';
import { useScans } from '../../platform/scans';
import type { KioskDb } from '../../store/db';
import { MAX_TRACE_CODE, findTraceRecord, normalizeTraceCode } from '../../store/trace';
import { VillagerFrame } from '../common/VillagerFrame';
import { TraceResult, type Lookup } from './TraceResult';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Typed codes are shorter than what a scanner may bring; the county's are ≤ 20 digits. */
const MAX_TYPED = 32;

/**
 * 溯源: a trace code typed on big number keys (letters one tap away) or scanned from the label →
 * origin, producer, batch and inspection from the records the county published, or a plain 未找到.
 * Works offline: the records are pulled ahead of time. A scan replaces whatever was typed and looks
 * up at once; the keypad stays beside the answer so the next code can follow without a tap back.
 */
export function TraceScreen({ db, onHome }: { db: KioskDb; onHome: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [letters, setLetters] = useState(false);
  const [lookup, setLookup] = useState<Lookup>();
  // A slow answer must not overwrite the answer to a later code.
  const asked = useRef(0);

  const look = useCallback(
    async (input: string) => {
      const wanted = normalizeTraceCode(input);
      if (!wanted) return setLookup({ kind: 'empty' });
      const ticket = ++asked.current;
      const record = wanted.length > MAX_TRACE_CODE ? undefined : await findTraceRecord(db, wanted);
      if (ticket !== asked.current) return;
      setLookup(record ? { kind: 'found', record } : { kind: 'notFound', code: wanted });
    },
    [db],
  );

  // Wedge and serial scanners alike. A trace QR's code is taken out of it (VPK1:T:…, a URL); any
  // other code is looked up as it is, since a county may label local goods with codes of any shape.
  useScans((scan) => {
    const wanted = normalizeTraceCode(scan.kind === 'trace' ? scan.traceCode : scan.code);
    setCode(wanted.slice(0, MAX_TYPED));
    void look(wanted);
  });

  const edit = (next: string) => {
    setCode(next);
    setLookup(undefined);
  };
  const say =
    lookup?.kind === 'found'
      ? t('trace.say.found', {
          ...lookup.record,
          inspection: lookup.record.inspection ?? t('trace.noInspection'),
        })
      : lookup?.kind === 'notFound'
        ? t('trace.say.notFound', { code: lookup.code })
        : t('trace.say.prompt');

  return (
    <VillagerFrame
      title={t('trace.title')}
      say={say}
      onHome={onHome}
      name={{ id: 'trace', label: t('trace.title') }}
    >
      <div className="trace">
        <section className="trace__entry" aria-labelledby="trace-code-label">
          <p className="vscreen-note">{t('trace.prompt')}</p>
          <h2 id="trace-code-label" className="trace__label">
            {t('trace.codeLabel')}
          </h2>
          <output className="code-entry" aria-label={t('trace.codeLabel')} data-code={code}>
            {code || <span className="code-entry__hint">{t('trace.codeHint')}</span>}
          </output>
          <div className="choice-row" role="radiogroup" aria-label={t('trace.codeLabel')}>
            {([false, true] as const).map((on) => (
              <button
                key={String(on)}
                type="button"
                role="radio"
                aria-checked={letters === on}
                className={`choice choice--small ${letters === on ? 'choice--on' : ''}`}
                onClick={() => setLetters(on)}
              >
                <span className="choice__name">{on ? t('trace.letters') : t('trace.digits')}</span>
              </button>
            ))}
          </div>
          {letters ? (
            <CodeKeypad
              keys={LETTERS}
              onKey={(k) => code.length < MAX_TYPED && edit(code + k)}
              onBackspace={() => edit(code.slice(0, -1))}
              backspaceLabel={t('trace.backspace')}
            />
          ) : (
            <NumberPad
              value={code}
              onChange={edit}
              maxLength={MAX_TYPED}
              labels={{ backspace: t('trace.backspace'), clear: t('trace.clear') }}
            />
          )}
          <button
            type="button"
            className="big-button big-button--primary trace__lookup"
            onClick={() => void look(code)}
          >
            {t('trace.lookup')}
          </button>
        </section>
        <TraceResult
          lookup={lookup}
          onAgain={() => {
            setCode('');
            setLookup(undefined);
          }}
        />
      </div>
    </VillagerFrame>
  );
}
