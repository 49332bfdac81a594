import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatFen } from '../../components/money';
import { RequireOperator } from '../../platform/operator-session';
import type { KioskDb } from '../../store/db';
import type { ProduceListingRow } from '../../store/produce';
import { VillagerFrame } from '../common/VillagerFrame';
import { PhoneStep } from '../requests/PhoneStep';
import { groupPhone } from '../shop/spoken';
import { ConfirmListing } from './ConfirmListing';
import { ListingRows } from './ListingRows';
import { loadListings } from './load';
import { SellForm } from './SellForm';
import '../requests/requests.css';

type View =
  | { kind: 'phone' }
  | { kind: 'list' }
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
  const [phone, setPhone] = useState<string>();
  const [view, setView] = useState<View>({ kind: 'phone' });
  const rows = useLiveQuery(() => (phone ? loadListings(db, phone) : undefined), [db, phone]);
  const line = (l: ProduceListingRow) =>
    t('requests.sell.line', {
      kind: l.kind,
      quantity: l.quantity,
      unit: l.unit,
      price: formatFen(l.askingPriceFen),
    });
  const toList = () => setView({ kind: 'list' });

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
      say = t('requests.sell.say.list', { count: rows?.length ?? 0 });
      onBack = () => setView({ kind: 'phone' });
      body = (
        <>
          <div className="req-head">
            <h2>
              {t('requests.sell.records')} · {t('requests.phoneOf', { phone: groupPhone(phone ?? '') })}
            </h2>
            <button
              type="button"
              className="big-button big-button--primary"
              onClick={() => setView({ kind: 'form' })}
            >
              {t('requests.sell.new')}
            </button>
          </div>
          <ListingRows rows={rows} onConfirm={(r) => setView({ kind: 'confirm', listing: r.listing })} />
        </>
      );
      break;
    case 'form':
      say = t('requests.sell.say.form');
      onBack = toList;
      body = (
        <SellForm
          db={db}
          phone={phone ?? ''}
          {...(today && { today })}
          onDone={(listing) => setView({ kind: 'done', listing })}
        />
      );
      break;
    case 'done': {
      const listing = view.listing;
      const mine = rows?.filter((r) => r.listing.id === listing.id);
      say = t('requests.sell.say.done', { line: line(listing) });
      body = (
        <section className="req-done" data-request-id={listing.id}>
          <h2>{t('requests.sell.doneTitle')}</h2>
          <p className="req-done__line">{line(listing)}</p>
          <p className="vscreen-note">{t('requests.sell.doneBody')}</p>
          {mine && mine.length > 0 && <ListingRows rows={mine} />}
          <button type="button" className="big-button big-button--primary" onClick={toList}>
            {t('requests.done')}
          </button>
        </section>
      );
      break;
    }
    case 'confirm':
      say = line(view.listing);
      onBack = toList;
      body = (
        <RequireOperator onCancel={toList}>
          <ConfirmListing db={db} listing={view.listing} onDone={toList} />
        </RequireOperator>
      );
      break;
  }

  return (
    <VillagerFrame
      title={t('requests.sell.title')}
      say={say}
      onHome={onHome}
      onBack={onBack}
      name={{ id: 'sell', label: t('requests.sell.title') }}
    >
      {body}
    </VillagerFrame>
  );
}
