import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { formatFen } from '../../components/money';
import { listingTotalFen } from '../../store/produce';
import { formatTime, usePickerLabels } from '../requests/labels';
import { StatusLine, statusTone } from '../requests/StatusLine';
import { offerOf, type ListingView } from './load';

/** The villager's listings with the county's offer, and the operator's confirmation (or its button). */
export function ListingRows({
  rows,
  onConfirm,
}: {
  rows: ListingView[] | undefined;
  onConfirm?: (row: ListingView) => void;
}) {
  const { t } = useTranslation();
  const { locale } = usePickerLabels();
  if (!rows) return <p className="vscreen-note">…</p>;
  if (rows.length === 0) return <p className="vscreen-note">{t('requests.sell.none')}</p>;
  return (
    <ul className="record-rows req-rows">
      {rows.map((row) => {
        const { listing, confirmation, status, sync } = row;
        const offer = offerOf(status);
        return (
          <li
            key={listing.id}
            className={`record-row record-row--${statusTone(status, sync)}`}
            data-listing={listing.id}
          >
            <span className="record-row__kind">{listing.kind}</span>
            <span className="record-row__title">
              {listing.quantity}
              {listing.unit} · {formatFen(listing.askingPriceFen)}/{listing.unit}
            </span>
            <Money fen={listingTotalFen(listing)} className="record-row__amount" />
            <span className="record-row__status">
              <StatusLine kind="produce" status={status} sync={sync} />
              {offer && (
                <span className="req-detail" data-offer={offer.offerFen}>
                  {t('requests.sell.offer', {
                    price: formatFen(offer.offerFen),
                    unit: listing.unit,
                    buyer: offer.buyer,
                  })}
                  {status?.amountFen != null && (
                    <>
                      {' · '}
                      {t('requests.sell.offerTotal')} <Money fen={status.amountFen} />
                    </>
                  )}
                </span>
              )}
              {confirmation ? (
                <span className="req-detail">✔ {t('requests.sell.operatorConfirmed')}</span>
              ) : (
                onConfirm && (
                  <button
                    type="button"
                    className="big-button big-button--secondary"
                    onClick={() => onConfirm(row)}
                  >
                    {t('requests.sell.operatorConfirm')}
                  </button>
                )
              )}
            </span>
            <span className="record-row__when">{formatTime(listing.listedAt, locale)}</span>
          </li>
        );
      })}
    </ul>
  );
}
