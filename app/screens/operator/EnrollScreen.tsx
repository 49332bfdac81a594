import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLLMENT_CODE_ALPHABET } from '../../../sync/protocol';
import type { EnrollResult, KioskTransport } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';
import { CodeKeypad } from '../../components/CodeKeypad';

const CODE_LENGTH = 8;

type State =
  | { kind: 'typing' }
  | { kind: 'sending' }
  | { kind: 'done'; result: EnrollResult }
  | { kind: 'failed'; message: string };

/** The operator types the one-time code from the county once; the shell keeps the credentials. */
export function EnrollScreen({
  api,
  onDone,
  onEnrolled,
}: {
  api: KioskTransport;
  onDone: () => void;
  /** Called once the county accepted the code: the sync engine starts pulling at once. */
  onEnrolled?: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [state, setState] = useState<State>({ kind: 'typing' });

  const submit = async () => {
    setState({ kind: 'sending' });
    const result = await api.invoke('device.enroll', { code, deviceName: t('enroll.deviceName') });
    setState(
      result.ok ? { kind: 'done', result: result.value } : { kind: 'failed', message: result.error.message },
    );
    if (result.ok) onEnrolled?.();
  };

  if (state.kind === 'done') {
    const { village, township, county } = state.result;
    return (
      <section className="panel" aria-labelledby="enroll-title">
        <h1 id="enroll-title">{t('enroll.doneTitle')}</h1>
        <p className="panel__body">{t('enroll.doneBody', { county, township, village })}</p>
        <BigButton onClick={onDone}>{t('nav.back')}</BigButton>
      </section>
    );
  }

  const shown = code.padEnd(CODE_LENGTH, '·');
  return (
    <section className="panel panel--wide" aria-labelledby="enroll-title">
      <h1 id="enroll-title">{t('enroll.title')}</h1>
      <p className="panel__body">{t('enroll.hint')}</p>
      <output className="code-display" aria-label={t('enroll.codeLabel')}>
        {shown.slice(0, 4)}-{shown.slice(4)}
      </output>
      {state.kind === 'failed' && (
        <p className="panel__error" role="alert">
          {state.message}
        </p>
      )}
      <CodeKeypad
        keys={ENROLLMENT_CODE_ALPHABET}
        disabled={state.kind === 'sending'}
        backspaceLabel={t('enroll.backspace')}
        onKey={(k) => setCode((c) => (c.length < CODE_LENGTH ? c + k : c))}
        onBackspace={() => setCode((c) => c.slice(0, -1))}
      />
      <div className="panel__actions">
        <BigButton variant="secondary" onClick={onDone}>
          {t('nav.back')}
        </BigButton>
        <BigButton
          disabled={code.length !== CODE_LENGTH || state.kind === 'sending'}
          onClick={() => void submit()}
        >
          {state.kind === 'sending' ? t('enroll.sending') : t('enroll.submit')}
        </BigButton>
      </div>
    </section>
  );
}
