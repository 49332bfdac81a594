/**
 * Line icons for the catalogue's category keys (category.icon), drawn inline: the terminal's Chromium
 * has no emoji font, and a picture helps a villager who reads slowly. Unknown keys get a box.
 */
const paths: Record<string, string> = {
  // a sack tied at the top
  fertilizer: 'M16 8h16l-3 6c7 3 11 10 11 18 0 8-6 12-16 12S8 40 8 32c0-8 4-15 11-18zM19 14h10M18 30h12',
  // a seedling
  seed: 'M24 44V22m0 0c0-8 6-13 14-13 0 8-6 13-14 13zm0 4c0-7-5-12-13-12 0 7 5 12 13 12M14 44h20',
  // a hand sprayer
  pesticide: 'M14 20h16v24H14zM18 20v-6h8v6M26 14h10l4-4M36 14l6 2M38 20l4 2M18 30h8',
  // a hoe
  'farm-tool': 'M10 42 34 10M30 6l12 8-6 6-10-6zM8 44l4-4',
  // a feeding trough with grain
  feed: 'M4 22h40l-5 16H9zM14 16l2-4 2 4M24 14l2-4 2 4M34 16l2-4 2 4M12 38v6M36 38v6',
  // an apple
  'local-produce':
    'M24 14c-4-3-14-3-16 7-2 12 8 23 16 21 8 2 18-9 16-21-2-10-12-10-16-7zM24 14c0-4 2-7 6-9M24 12c-4-4-9-3-10 0',
  // an oil bottle and an ear of grain
  'grain-oil':
    'M14 6h8v6l4 6v24H10V18l4-6zM10 26h16M36 44V14m0 4-4-4m4 12-5-5m5 13-5-5m5-5 5-5m-5 13 5-5m-5 13 5-5',
  // a cup with a straw
  snack: 'M12 14h24l-3 30H15zM12 22h24M26 14l4-10h6',
  // a wine bottle
  liquor: 'M20 4h8v10c4 2 6 6 6 10v20H14V24c0-4 2-8 6-10zM14 28h20',
  // a house
  household: 'M6 22 24 6l18 16M10 18v24h28V18M20 42V30h8v12',
  // a pump bottle and bubbles
  cleaning:
    'M12 20h16v24H12zM16 20v-6h8v6M20 14V8h10M36 14a3 3 0 1 0 0 .1M40 24a2 2 0 1 0 0 .1M34 30a2 2 0 1 0 0 .1',
  // a pencil
  stationery: 'M34 6l8 8-24 24-10 2 2-10zM30 10l8 8M10 30l8 8',
  // a plug
  appliance: 'M16 4v10M32 4v10M10 14h28v8c0 8-6 12-14 12s-14-4-14-12zM24 34v10',
  // a phone
  phone: 'M14 4h20v40H14zM14 10h20M14 36h20M22 40h4',
};
const BOX = 'M6 16l18-10 18 10v20L24 46 6 36zm18 8v22M6 16l18 10 18-10';

export function CategoryIcon({ icon, size = 64 }: { icon: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" className="category-icon">
      <path
        d={paths[icon] ?? BOX}
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
