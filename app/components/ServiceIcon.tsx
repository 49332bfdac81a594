/** Simple line icons for the home tiles: readable at a glance by someone who does not read well. */
import type { ServiceId } from '../screens/services';

const paths: Record<ServiceId | 'operator', string> = {
  shop: 'M6 10h36l-4 20H12L6 10zm6 26a3 3 0 1 0 0 .1M34 36a3 3 0 1 0 0 .1M2 4h6l2 6',
  sell: 'M24 44V22m0 0c0-10 8-16 18-16 0 10-8 16-18 16zm0 0C24 12 16 6 6 6c0 10 8 16 18 16',
  bills: 'M28 2 10 26h14l-4 20 18-24H24z',
  tickets: 'M4 14h40v6a4 4 0 0 0 0 8v6H4v-6a4 4 0 0 0 0-8zm26 0v20',
  pickup: 'M6 16l18-10 18 10v20L24 46 6 36zm18 8v22M6 16l18 10 18-10M24 2v12m-5-5 5 5 5-5',
  send: 'M6 20l18-10 18 10v20L24 48 6 40zm18 8v20M6 20l18 10 18-10M24 14V2m-5 5 5-5 5 5',
  returns: 'M10 18h26a8 8 0 0 1 0 16H16m-6-16 7-7m-7 7 7 7',
  notices: 'M6 18v12h8l18 10V8L14 18zm30-2a8 8 0 0 1 0 16',
  trace: 'M20 34a14 14 0 1 0 0-28 14 14 0 0 0 0 28zm10-4 14 14',
  orders: 'M12 4h24v40H12zm6 10h12m-12 8h12m-12 8h8',
  operator: 'M24 24a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm-16 20a16 16 0 0 1 32 0',
};

export function ServiceIcon({ id, size = 64 }: { id: ServiceId | 'operator'; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" className="service-icon">
      <path
        d={paths[id]}
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
