/**
 * The dispatch manifest's print facts (drivers/printer/layout-inputs.ts `dispatchManifestSchema`),
 * made from the stored manifest and the rows it moved — never from what is still on screen.
 */
import type { PrintRequest } from '../../../../kiosk-shell/api';
import type { DispatchManifestRow } from '../../../store/dispatch';
import type { OverdueParcel } from '../../../store/parcels';
import { formatShipmentNo, type ShipmentRow } from '../../../store/shipments';

/** The last six characters of a ULID: short enough to say and write, unique enough on one point. */
export const manifestNo = (id: string): string => id.slice(-6);

export function manifestRequest(
  manifest: DispatchManifestRow,
  shipments: readonly ShipmentRow[],
  returned: readonly OverdueParcel[],
  pointName: string,
  operatorName: string,
): PrintRequest {
  return {
    kind: 'dispatch-manifest',
    input: {
      point: { name: pointName },
      manifestNo: manifestNo(manifest.id),
      carrier: manifest.carrier,
      operator: operatorName.slice(0, 20),
      handedOverAt: manifest.handedOverAt,
      shipments: shipments.map((s) => ({
        no: formatShipmentNo(s.no),
        recipientName: s.recipient.name,
        destination:
          `${s.recipient.province}${s.recipient.city}${s.recipient.county === s.recipient.city ? '' : s.recipient.county}`.slice(
            0,
            40,
          ),
        weightGrams: s.weightGrams,
      })),
      returned: returned.map((o) => ({ waybill: o.parcel.waybill, daysOverdue: o.daysOverdue })),
      qrPayload: `VPK1:D:${manifest.id}`,
    },
  };
}
