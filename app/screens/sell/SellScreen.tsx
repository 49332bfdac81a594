import { useTranslation } from 'react-i18next';
import { formatFen } from '../../components/money';
import { RequireOperator } from '../../platform/operator-session';
import type { KioskDb } from '../../store/db';
import type { ProduceListingRow } from '../../store/produce';
import { RequestDone, RequestFlow } from '../requests/RequestFlow';
import { ConfirmListing } from './ConfirmListing';
import { ListingRows } from './ListingRows';
import { loadListings, type ListingView } from './load';
import { SellForm } from './SellForm';

type View =
  | { kind: 'form' }
  | { kind: 'done'; listing: ProduceListingRow }
  | { kind: 'confirm'; listing: ProduceListingRow };

/**
 * 代销: the villager's phone, their listings with the county's offers, a new listing by taps (kept
 * with its photo and outbox mutation in one transaction), and the operator's confirmation behind
 * the operator sign-in.
 */
export function SellScreen({ db, onHome, today }: { db: KioskDb; onHome: () => void; today?: Date }) {
  const { t } = useTranslation();
  const line = (l: ProduceListingRow) =>
    t('requests.sell.line', {
      kind: l.kind,
      quantity: l.quantity,
      unit: l.unit,
      price: formatFen(l.askingPriceFen),
    });

  return (
    <RequestFlow<ListingView, View>
      service="sell"
      db={db}
      onHome={onHome}
      load={loadListings}
      start={{ kind: 'form' }}
      sayList={(rows) => t('requests.sell.say.list', { count: rows?.length ?? 0 })}
      list={(rows, { go }) => (
        <ListingRows rows={rows} onConfirm={(r) => go({ kind: 'confirm', listing: r.listing })} />
      )}
      view={(view, { phone, rows, go, toList }) => {
        switch (view.kind) {
          case 'form':
            return {
              say: t('requests.sell.say.form'),
              onBack: toList,
              body: (
                <SellForm
                  db={db}
                  phone={phone}
                  {...(today && { today })}
                  onDone={(listing) => go({ kind: 'done', listing })}
                />
              ),
            };
          case 'done': {
            const listing = view.listing;
            const mine = rows?.filter((r) => r.listing.id === listing.id);
            return {
              say: t('requests.sell.say.done', { line: line(listing) }),
              body: (
                <RequestDone service="sell" id={listing.id} line={line(listing)} onDone={toList}>
                  {mine && mine.length > 0 && <ListingRows rows={mine} />}
                </RequestDone>
              ),
            };
          }
          case 'confirm':
            return {
              say: line(view.listing),
              onBack: toList,
              body: (
                <RequireOperator onCancel={toList}>
                  <ConfirmListing db={db} listing={view.listing} onDone={toList} />
                </RequireOperator>
              ),
            };
        }
      }}
    />
  );
}
