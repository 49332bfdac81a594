import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { formatShipmentNo, type ShipmentRow } from '../../store/shipments';
import { ShopTitle } from '../shop/SpeakButton';
import { spokenFen } from '../shop/spoken';
import type { PrintState } from './print';

/** The shipment is stored; the label is printing (or failed, with 重印). */
export function DoneView({
  shipment,
  print,
  onReprint,
  onFinish,
}: {
  shipment: ShipmentRow;
  print: PrintState;
  onReprint: () => void;
  onFinish: () => void;
}) {
  const { t, i18n } = useTranslation();
  const no = formatShipmentNo(shipment.no);
  return (
    <div className="send-done">
      <ShopTitle
        title={t('send.done.title')}
        say={t('send.done.say', { no, fee: spokenFen(shipment.feeFen, i18n.language) })}
      />
      <p className="send-done__no">
        {t('send.done.no')}{' '}
        <strong data-shipment-no={no} data-shipment-id={shipment.id}>
          {no}
        </strong>
      </p>
      <p className="send-done__fee">
        {shipment.carrier} · <Money fen={shipment.feeFen} />
      </p>
      <p className="send-done__print" role="status" data-print={print.kind}>
        {print.kind === 'printing' || print.kind === 'idle'
          ? t('send.done.printing')
          : print.kind === 'printed'
            ? t('send.done.printed')
            : t('send.done.printFailed', { message: print.message })}
      </p>
      {print.kind === 'failed' && (
        <button type="button" className="big-button big-button--secondary" onClick={onReprint}>
          {t('send.done.reprint')}
        </button>
      )}
      <button type="button" className="big-button big-button--primary" onClick={onFinish}>
        {t('send.done.finish')}
      </button>
    </div>
  );
}
