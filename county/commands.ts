/**
 * `npm run county -- <command>`: what each command does, separated from process handling (cli.ts) so
 * it can be tested. Settings come from common/config.ts (vpk.config.json + DATABASE_URL, VPK_DATA_DIR,
 * VPK_COUNTY_PORT, VPK_ADMIN_TOKEN, …), validated with zod; a wrong value names its setting.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig, type ProductConfig } from '../common/config';
import type { Logger } from '../common/logger';
import { openDatabase, type Db } from './db';
import { provisionDevice } from './devices';
import { migrate, type MigrateResult } from './migrate';
import { seedIfEmpty } from './seed';
import { startCounty, type RunningCounty } from './main';
import {
  ADMIN_OPTIONS,
  ADMIN_USAGE,
  adminCommands,
  adminCommandSchema,
  runAdminCommand,
  type AdminCommand,
} from './commands-admin';

export const USAGE = `usage: npm run county -- <command>
  migrate                               apply pending schema migrations
  seed                                  migrate, then load the demonstration data if the database is empty
  serve [--seed]                        migrate (and seed), then serve the API and the console
  provision-device --village ID [--name NAME]
                                        register a village terminal; prints its token once
${ADMIN_USAGE}
settings: DATABASE_URL (PostgreSQL; PGlite in VPK_DATA_DIR otherwise), VPK_DATA_DIR (./data),
          VPK_COUNTY_HOST (127.0.0.1), VPK_COUNTY_PORT (8600), VPK_ADMIN_TOKEN (serve; 16+ characters)`;

const commandSchema = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('migrate') }),
  z.strictObject({ command: z.literal('seed') }),
  z.strictObject({ command: z.literal('serve'), seed: z.boolean() }),
  z.strictObject({
    command: z.literal('provision-device'),
    village: z.string({ error: '--village ID is required' }).trim().min(1, '--village ID is required'),
    name: z.string().trim().min(1).max(100),
  }),
]);

export type Command = z.infer<typeof commandSchema> | AdminCommand;

function explain(issue: z.core.$ZodIssue | undefined, command: string): string {
  if (issue?.path.join('.') === 'command') return `unknown command "${command}"`;
  const where = issue?.path.length ? `--${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid arguments'}`;
}

/** Parses argv (without node and the script); throws ConfigError with the usage on a mistake. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        village: { type: 'string' },
        name: { type: 'string' },
        seed: { type: 'boolean' },
        ...ADMIN_OPTIONS,
      },
    });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
  }
  const [command, ...extra] = parsed.positionals;
  if (command === undefined) throw new ConfigError(USAGE);
  const values = parsed.values;
  if (adminCommands.includes(command)) {
    const [file, ...more] = extra;
    if (more.length > 0) throw new ConfigError(`unexpected argument ${more[0]}\n${USAGE}`);
    const result = adminCommandSchema.safeParse({
      command,
      ...values,
      ...(file !== undefined ? { file } : {}),
    });
    if (result.success) return result.data;
    throw new ConfigError(`${explain(result.error.issues[0], command)}\n${USAGE}`);
  }
  if (extra.length > 0) throw new ConfigError(`unexpected argument ${extra[0]}\n${USAGE}`);
  const raw =
    command === 'serve'
      ? { command, ...values, seed: values.seed ?? false }
      : command === 'provision-device'
        ? { command, ...values, name: values.name ?? `终端 ${values.village ?? ''}`.trim() }
        : { command, ...values };
  const result = commandSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(`${explain(result.error.issues[0], command)}\n${USAGE}`);
}

/** The database settings, as openDatabase wants them. */
function dbOptions(config: ProductConfig, logger: Logger) {
  return config.county.databaseUrl !== undefined
    ? { databaseUrl: config.county.databaseUrl, logger }
    : { dataDir: config.dataDir, logger };
}

export function requireAdminToken(config: ProductConfig): string {
  const token = config.county.adminToken;
  if (token === undefined) {
    throw new ConfigError(
      '配置有误 / invalid configuration:\n  setting "county.adminToken" (environment variable VPK_ADMIN_TOKEN): ' +
        'required by serve (16+ random characters; the county console signs in with it)',
    );
  }
  return token;
}

/** Every command migrates first: a command never runs against a schema older than its code. */
async function withDb<T>(
  config: ProductConfig,
  logger: Logger,
  fn: (db: Db, migrated: MigrateResult) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(dbOptions(config, logger));
  try {
    return await fn(db, await migrate(db, logger));
  } finally {
    await db.close();
  }
}

/**
 * Runs a one-shot command and returns what to print, or starts the server and returns it running.
 * `config` defaults to loadConfig() (environment + vpk.config.json).
 */
export async function runCommand(
  cmd: Command,
  logger: Logger,
  config: ProductConfig = loadConfig(),
): Promise<{ output: unknown } | { server: RunningCounty }> {
  switch (cmd.command) {
    case 'migrate':
      return { output: await withDb(config, logger, (_db, migrated) => Promise.resolve(migrated)) };
    case 'seed':
      return { output: await withDb(config, logger, (db) => seedIfEmpty(db, logger)) };
    case 'provision-device':
      return { output: await withDb(config, logger, (db) => provisionDevice(db, cmd.village, cmd.name)) };
    case 'serve': {
      const adminToken = requireAdminToken(config);
      const server = await startCounty({
        ...dbOptions(config, logger),
        host: config.county.host,
        port: config.county.port,
        adminToken,
        admission: config.county.admission,
        seed: cmd.seed,
      });
      return { server };
    }
    default:
      return { output: await withDb(config, logger, (db) => runAdminCommand(db, cmd, logger)) };
  }
}
