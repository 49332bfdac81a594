import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../scripts/build';
import { startProduct, TEMPLATE_ENV } from './product';

/**
 * The e2e suites serve the built app, as `npm start` does: build it once, only if stale. Then start
 * the product once on an empty data directory (county database created, migrated and seeded, demo
 * terminal enrolled) and keep that directory as a template: each suite's product starts from a copy,
 * as `npm start` does the second time, instead of paying for initdb, migrations and seed again.
 */
export default async function setup(): Promise<() => void> {
  await ensureBuilt({ log: (line) => process.stdout.write(`[e2e] ${line}\n`) });
  const template = mkdtempSync(join(tmpdir(), 'vpk-e2e-template-'));
  const product = await startProduct({ dataDir: template });
  const code = await product.stop();
  if (code !== 0)
    throw new Error(`the template product did not stop cleanly (${code}):\n${product.output()}`);
  process.env[TEMPLATE_ENV] = template;
  return () => rmSync(template, { recursive: true, force: true });
}
