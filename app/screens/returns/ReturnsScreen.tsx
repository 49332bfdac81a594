import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KioskDb } from '../../store/db';
import type { ReturnableLine, ReturnRequestRow } from '../../store/returns';
import { VillagerFrame } from '../common/VillagerFrame';
import { PhoneStep } from '../requests/PhoneStep';
import { groupPhone } from '../shop/spoken';
import { loadReturns } from './load';
import { PickLine } from './PickLine';
import { ReturnForm } from './ReturnForm';
import { ReturnRows } from './ReturnRows';
import '../requests/requests.css';

type View =
  | { kind: 'phone' }
  | { kind: 'list' }
  | { kind: 'pick' }
  | { kind: 'form'; line: ReturnableLine }
  | { kind: 'done'; request: ReturnRequestRow };

/**
 * 代换代退: the villager's phone, their return requests with the county's answers, and a new one for
 * a line of a past order placed here, kept with its photo and outbox mutation in one transaction.
 */
export function ReturnsScreen({ db, onHome }: { db: KioskDb; onHome: () => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState<string>();
  const [view, setView] = useState<View>({ kind: 'phone' });
  const rows = useLiveQuery(() => (phone ? loadReturns(db, phone) : undefined), [db, phone]);
  const toList = () => setView({ kind: 'list' });
  const line = (r: ReturnRequestRow) =>
    t('requests.returns.line', {
      kind: t(`requests.returns.kinds.${r.kind}`),
      name: r.itemName,
      qty: r.qty,
      reason: r.reason,
    });

  let body;
  let say: string;
  let onBack: (() => void) | undefined;
  switch (view.kind) {
    case 'phone':
      say = t('requests.phoneHint');
      body = (
        <PhoneStep
          onPhone={(p) => {
            setPhone(p);
            toList();
          }}
        />
      );
      break;
    case 'list':
      say = t('requests.returns.say.list', { count: rows?.length ?? 0 });
      onBack = () => setView({ kind: 'phone' });
      body = (
        <>
          <div className="req-head">
            <h2>
              {t('requests.returns.records')} · {t('requests.phoneOf', { phone: groupPhone(phone ?? '') })}
            </h2>
            <button
              type="button"
              className="big-button big-button--primary"
              onClick={() => setView({ kind: 'pick' })}
            >
              {t('requests.returns.new')}
            </button>
          </div>
          <ReturnRows rows={rows} />
        </>
      );
      break;
    case 'pick':
      say = t('requests.returns.say.pick');
      onBack = toList;
      body = (
        <>
          <h2 className="req-head">{t('requests.returns.pickTitle')}</h2>
          <PickLine db={db} phone={phone ?? ''} onPick={(l) => setView({ kind: 'form', line: l })} />
        </>
      );
      break;
    case 'form':
      say = t('requests.returns.say.form');
      onBack = () => setView({ kind: 'pick' });
      body = (
        <ReturnForm
          db={db}
          phone={phone ?? ''}
          line={view.line}
          onDone={(request) => setView({ kind: 'done', request })}
        />
      );
      break;
    case 'done': {
      const request = view.request;
      const mine = rows?.filter((r) => r.request.id === request.id);
      say = t('requests.returns.say.done', { line: line(request) });
      body = (
        <section className="req-done" data-request-id={request.id}>
          <h2>{t('requests.returns.doneTitle')}</h2>
          <p className="req-done__line">{line(request)}</p>
          <p className="vscreen-note">{t('requests.returns.doneBody')}</p>
          {mine && mine.length > 0 && <ReturnRows rows={mine} />}
          <button type="button" className="big-button big-button--primary" onClick={toList}>
            {t('requests.done')}
          </button>
        </section>
      );
      break;
    }
  }

  return (
    <VillagerFrame
      title={t('requests.returns.title')}
      say={say}
      onHome={onHome}
      onBack={onBack}
      name={{ id: 'returns', label: t('requests.returns.title') }}
    >
      {body}
    </VillagerFrame>
  );
}
