/**
 * Seed data the county centre loads on first start: the demonstration counties' village tree, the catalogue
 * and the starter notices, plus the zod schemas the import step validates them with.
 */
export {
  seedCategorySchema,
  seedCountySchema,
  seedItemSchema,
  seedNoticeSchema,
  seedTownshipSchema,
  seedTraceRecordSchema,
  seedVillageSchema,
} from './schemas';
export type {
  SeedCategory,
  SeedCounty,
  SeedItem,
  SeedNotice,
  SeedTownship,
  SeedTraceRecord,
  SeedVillage,
} from './schemas';
export { EAN13 } from './ean13';
export { DEMO_VILLAGE_ID, findVillage, seedCounties } from './regions';
export type { VillagePlace } from './regions';
export { CATALOGUE_LINES, generateCatalogue, mulberry32 } from './catalogue';
export type { SeedCatalogue } from './catalogue';
export { seedNotices } from './notices';
export { seedTraceRecords } from './trace';
