import { ensureBuilt } from '../../scripts/build';

/** The e2e suites serve the built app, as `npm start` does: build it once, only if stale. */
export default async function setup(): Promise<void> {
  await ensureBuilt({ log: (line) => process.stdout.write(`[e2e] ${line}\n`) });
}
