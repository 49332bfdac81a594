import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One logger per module (STYLE.md habit 9). The kiosk's logs are what the county gets back when a
 * village reports a fault, so they are structured JSON; tests pass `level: 'silent'`.
 */
export function createLogger(
  name: string,
  level: string = process.env.LOG_LEVEL ?? 'info',
  file?: string,
): Logger {
  // A file destination is created with its folder and written asynchronously (sync: false) so logging
  // never blocks a tap; pino flushes it on exit.
  return file
    ? pino({ name, level }, pino.destination({ dest: file, mkdir: true, sync: false }))
    : pino({ name, level });
}

/** A child logger for a module of a runtime: `moduleLogger(root, 'bridge')`. */
export function moduleLogger(root: Logger, module: string): Logger {
  return root.child({ module });
}

export const silentLogger: Logger = pino({ level: 'silent' });
