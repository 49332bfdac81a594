/**
 * The compartment map: which board and lock open compartment "A07", and how big it is. It comes from
 * the terminal's configuration (written by the technician who wired the bank), so it is validated with
 * zod once, here, and trusted everywhere after (STYLE.md habit 3).
 */
import { z } from 'zod';
import { fail, ok, type DriverResult } from '../result';
import { lockerProtocols } from './protocols';
import type { ProtocolName } from './protocol';

export const compartmentSizes = ['S', 'M', 'L'] as const;
export type CompartmentSize = (typeof compartmentSizes)[number];

export const compartmentSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'short id such as A07'),
    board: z.number().int().min(0).max(255),
    lock: z.number().int().min(1).max(24),
    size: z.enum(compartmentSizes),
    /** Taken out of service by the operator (broken hinge, lost key): never offered, never opened. */
    disabled: z.boolean().default(false),
  })
  .strict();

export const lockerConfigSchema = z
  .object({
    protocol: z.enum(['generic', 'kerong']),
    compartments: z.array(compartmentSchema).min(1),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const p = lockerProtocols[cfg.protocol];
    const ids = new Set<string>();
    const places = new Set<string>();
    cfg.compartments.forEach((c, i) => {
      const path = ['compartments', i];
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path, message: `duplicate id ${c.id}` });
      const place = `${c.board}/${c.lock}`;
      if (places.has(place)) ctx.addIssue({ code: 'custom', path, message: `board ${place} used twice` });
      if (c.board < p.minBoard || c.board > p.maxBoard) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `board must be ${p.minBoard}–${p.maxBoard} for ${p.name}`,
        });
      }
      if (c.lock > p.locksPerBoard) {
        ctx.addIssue({ code: 'custom', path, message: `lock must be 1–${p.locksPerBoard} for ${p.name}` });
      }
      ids.add(c.id);
      places.add(place);
    });
  });

export type CompartmentConfig = z.infer<typeof compartmentSchema>;
export type LockerConfig = z.infer<typeof lockerConfigSchema>;

export function parseLockerConfig(input: unknown): DriverResult<LockerConfig> {
  const r = lockerConfigSchema.safeParse(input);
  if (r.success) return ok(r.data);
  const why = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return fail('BAD_REQUEST', `快递柜配置无效 / invalid locker configuration: ${why}`);
}

export class CompartmentMap {
  private readonly byId: Map<string, CompartmentConfig>;

  constructor(readonly config: LockerConfig) {
    this.byId = new Map(config.compartments.map((c) => [c.id, c]));
  }

  get protocol(): ProtocolName {
    return this.config.protocol;
  }

  get(id: string): CompartmentConfig | undefined {
    return this.byId.get(id);
  }

  all(): CompartmentConfig[] {
    return this.config.compartments;
  }

  boards(): number[] {
    return [...new Set(this.config.compartments.map((c) => c.board))].sort((a, b) => a - b);
  }
}

/**
 * A plausible bank for `--simulate` and tests: `boards` boards of `locksPerBoard` locks, ids A01, A02…
 * for the first board, B01… for the second; sizes cycle S×4, M×4, L×4 as on common 12-door columns.
 */
export function exampleLockerConfig(protocol: ProtocolName, boards = 2, locksPerBoard = 12): LockerConfig {
  const first = lockerProtocols[protocol].minBoard === 0 ? 0 : 1;
  const sizes: CompartmentSize[] = ['S', 'S', 'S', 'S', 'M', 'M', 'M', 'M', 'L', 'L', 'L', 'L'];
  const compartments: CompartmentConfig[] = [];
  for (let b = 0; b < boards; b++) {
    for (let lock = 1; lock <= locksPerBoard; lock++) {
      compartments.push({
        id: `${String.fromCharCode(65 + b)}${String(lock).padStart(2, '0')}`,
        board: first + b,
        lock,
        size: sizes[(lock - 1) % sizes.length]!,
        disabled: false,
      });
    }
  }
  return { protocol, compartments };
}
