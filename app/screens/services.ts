/**
 * Every villager service of the home screen, in the order the tiles appear. `ready` is false until
 * the capability is built; the tile then opens the "即将开通" panel instead of a half-made screen.
 */
export const services = [
  { id: 'shop', ready: true, color: '#c0392b' },
  { id: 'pickup', ready: true, color: '#d35400' },
  { id: 'bills', ready: true, color: '#2471a3' },
  { id: 'sell', ready: true, color: '#1e8449' },
  { id: 'send', ready: true, color: '#b9770e' },
  { id: 'tickets', ready: true, color: '#7d3c98' },
  { id: 'returns', ready: true, color: '#a04000' },
  { id: 'notices', ready: true, color: '#117a65' },
  { id: 'trace', ready: true, color: '#2e4053' },
  { id: 'orders', ready: true, color: '#6c3483' },
] as const;

export type ServiceId = (typeof services)[number]['id'];
