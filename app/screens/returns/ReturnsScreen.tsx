import { useTranslation } from 'react-i18next';
import type { KioskDb } from '../../store/db';
import type { ReturnableLine, ReturnRequestRow } from '../../store/returns';
import { RequestDone, RequestFlow } from '../requests/RequestFlow';
import { loadReturns, type ReturnView } from './load';
import { PickLine } from './PickLine';
import { ReturnForm } from './ReturnForm';
import { ReturnRows } from './ReturnRows';

type View =
  { kind: 'pick' } | { kind: 'form'; line: ReturnableLine } | { kind: 'done'; request: ReturnRequestRow };

/**
 * 代换代退: the villager's phone, their return requests with the county's answers, and a new one for
 * a line of a past order placed here, kept with its photo and outbox mutation in one transaction.
 */
export function ReturnsScreen({ db, onHome }: { db: KioskDb; onHome: () => void }) {
  const { t } = useTranslation();
  const line = (r: ReturnRequestRow) =>
    t('requests.returns.line', {
      kind: t(`requests.returns.kinds.${r.kind}`),
      name: r.itemName,
      qty: r.qty,
      reason: r.reason,
    });

  return (
    <RequestFlow<ReturnView, View>
      service="returns"
      db={db}
      onHome={onHome}
      load={loadReturns}
      // A return is for a line of a past order: the villager picks it before the form.
      start={{ kind: 'pick' }}
      sayList={(rows) => t('requests.returns.say.list', { count: rows?.length ?? 0 })}
      list={(rows) => <ReturnRows rows={rows} />}
      view={(view, { phone, rows, go, toList }) => {
        switch (view.kind) {
          case 'pick':
            return {
              say: t('requests.returns.say.pick'),
              onBack: toList,
              body: (
                <>
                  <h2 className="req-head">{t('requests.returns.pickTitle')}</h2>
                  <PickLine db={db} phone={phone} onPick={(l) => go({ kind: 'form', line: l })} />
                </>
              ),
            };
          case 'form':
            return {
              say: t('requests.returns.say.form'),
              onBack: () => go({ kind: 'pick' }),
              body: (
                <ReturnForm
                  db={db}
                  phone={phone}
                  line={view.line}
                  onDone={(request) => go({ kind: 'done', request })}
                />
              ),
            };
          case 'done': {
            const request = view.request;
            const mine = rows?.filter((r) => r.request.id === request.id);
            return {
              say: t('requests.returns.say.done', { line: line(request) }),
              body: (
                <RequestDone service="returns" id={request.id} line={line(request)} onDone={toList}>
                  {mine && mine.length > 0 && <ReturnRows rows={mine} />}
                </RequestDone>
              ),
            };
          }
        }
      }}
    />
  );
}
