/**
 * Data steps: TypeScript that a migration needs besides its SQL (here: pinyin, which SQL cannot
 * compute). A step runs in the migration's transaction right after its file, so version N is
 * recorded only when both succeeded.
 *
 * A step runs against the schema as it is at its version, also when a database is upgraded across
 * several versions at once. It may call shared code only while that code needs nothing newer; when
 * it would, copy what the step needs into the step and freeze it.
 */
import type { Queryable } from '../db';
import { publishCatalogueAndNotices } from '../feed';
import { fillMissingSearchKeys } from '../search-keys';

export type DataStep = (tx: Queryable) => Promise<void>;

/** 0002: search keys for the existing catalogue, then the feed rows of what is already published. */
async function sync0002(tx: Queryable): Promise<void> {
  await fillMissingSearchKeys(tx);
  await tx.exec(`ALTER TABLE catalogue_items ALTER COLUMN pinyin SET NOT NULL,
                 ALTER COLUMN initials SET NOT NULL`);
  await publishCatalogueAndNotices(tx, null);
}

export const dataSteps: Readonly<Record<number, DataStep>> = { 2: sync0002 };
