import type { TFunction } from 'i18next';
import type { StockError } from '../../../store/stock';

/** A store refusal as the operator reads it. */
export function stockErrorText(t: TFunction, e: StockError): string {
  switch (e.code) {
    case 'NEGATIVE':
      return t('shopStock.error.NEGATIVE', { have: e.have, want: e.want });
    case 'UNKNOWN_ITEM':
      return t('shopStock.error.UNKNOWN_ITEM');
    case 'BARCODE_TAKEN':
      return t('shopStock.error.BARCODE_TAKEN', { barcode: e.barcode });
    case 'INVALID':
      return t('shopStock.error.INVALID', { message: e.message });
  }
}
