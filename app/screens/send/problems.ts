import type { TFunction } from 'i18next';
import type { ShipmentProblem } from '../../store/shipments';

/** A shipment problem as the screen says it (send.problem.<field>.<problem>). */
export function problemText(t: TFunction, p: ShipmentProblem, typed = ''): string {
  return t(`send.problem.${p.field}.${p.problem}`, { count: typed.length });
}
