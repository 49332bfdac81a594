/**
 * Entry point of `npm run county -- <command>` (see USAGE in commands.ts). Only process concerns
 * live here: exit codes, signals, where output goes.
 *
 * Logs go to stderr, results to stdout, so `provision-device` can be piped or captured cleanly.
 * Exit codes: 0 done, 1 failed (a refused operation prints its code and reason, and an import its
 * bad rows), 2 bad settings or arguments.
 */
import pino from 'pino';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { parseCommand, runCommand } from './commands';
import { CountyError } from './http-contract';

async function main(): Promise<number> {
  const cmd = parseCommand(process.argv.slice(2));
  const config = loadConfig();
  const level = config.county.logLevel;
  const logger =
    cmd.command === 'serve'
      ? createLogger('county', level)
      : pino({ name: 'county', level }, pino.destination(2));
  const result = await runCommand(cmd, logger, config);
  if ('output' in result) {
    process.stdout.write(`${JSON.stringify(result.output, null, 2)}\n`);
    return 0;
  }
  const { server } = result;
  process.stdout.write(`县级服务中心 county centre: ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof CountyError) {
      const rows = (err.extra.rows ?? []).map((r) => `\n  row ${r.row}: ${r.message}`).join('');
      process.stderr.write(`county: ${err.code}: ${err.message}${rows}\n`);
      process.exitCode = 1;
      return;
    }
    if (err instanceof z.ZodError) {
      const lines = err.issues.map((i) => `\n  ${i.path.join('.') || '(input)'}: ${i.message}`).join('');
      process.stderr.write(`county: invalid input:${lines}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`county: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
