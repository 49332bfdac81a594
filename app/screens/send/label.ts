/**
 * The parcel label's facts (drivers/printer/layout-inputs.ts `parcelLabelSchema`) from a stored
 * shipment: the label is made only from what was committed, never from what is still on screen.
 */
import type { PrintRequest } from '../../../kiosk-shell/api';
import { fullAddress, labelQrPayload, type ShipmentRow } from '../../store/shipments';

export function labelRequest(shipment: ShipmentRow, pointName: string): PrintRequest {
  return {
    kind: 'parcel-label',
    input: {
      point: { name: pointName },
      carrier: shipment.carrier,
      sender: shipment.sender,
      recipient: {
        name: shipment.recipient.name,
        phone: shipment.recipient.phone,
        address: fullAddress(shipment.recipient),
      },
      weightGrams: shipment.weightGrams,
      feeFen: shipment.feeFen,
      createdAt: shipment.createdAt,
      qrPayload: labelQrPayload(shipment.id),
    },
  };
}
