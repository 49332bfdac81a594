import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One logger per module (STYLE.md habit 9). The kiosk's logs are what the county gets back when a
 * village reports a fault, so they are structured JSON; tests pass `level: 'silent'`.
 */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level });
}

/** A child logger for a module of a runtime: `moduleLogger(root, 'bridge')`. */
export function moduleLogger(root: Logger, module: string): Logger {
  return root.child({ module });
}

export const silentLogger: Logger = pino({ level: 'silent' });
