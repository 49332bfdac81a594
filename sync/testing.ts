/**
 * Test doubles for driving the sync engine deterministically (STYLE.md habit 5): a clock that moves only
 * when told, Web Locks in memory, seeded randomness, switchable connectivity, an in-memory kiosk
 * database, and a transport wrapper that injects network faults. Used by sync/*.test.ts and meant for
 * the integration and fault suites that drive the engine against the real county.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { KioskDb, type OutboxEntry } from '../app/store/db';
import { recordAction } from '../app/store/outbox';
import { SyncEngine } from './engine';
import { syncError, type SyncResult } from './errors';
import type { ConnectivityEvents, LockManagerLike, SyncClock, SyncEngineDeps } from './engine-types';
import type { FakeCounty } from './fake-county';
import type { SyncTransport } from './transport';
import { mulberry32 } from '../common/prng';

/** A clock that moves only when the test says so; timers fire in time order during `advance`. */
export class FakeClock implements SyncClock {
  private t: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.UTC(2026, 10, 28, 0, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next[1].at > end) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }

  /** When the earliest pending timer is due, if any. */
  nextTimerAt(): number | undefined {
    return this.earliest()?.[1].at;
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  private earliest(): [number, { at: number; fn: () => void }] | undefined {
    let best: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of this.timers) if (!best || entry[1].at < best[1].at) best = entry;
    return best;
  }
}

/** Web Locks for one origin, in memory: `ifAvailable` gets null while another holder has the name. */
export class MemoryLocks implements LockManagerLike {
  private readonly held = new Set<string>();

  async request<T>(
    name: string,
    _options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T> {
    if (this.held.has(name)) return callback(null);
    this.held.add(name);
    try {
      return await callback({ name });
    } finally {
      this.held.delete(name);
    }
  }

  isHeld(name: string): boolean {
    return this.held.has(name);
  }
}

/** A seeded random in [0, 1), the same sequence on every run. */
export const seededRandom = mulberry32;

export class FakeConnectivity implements ConnectivityEvents {
  private online = true;
  private readonly listeners = new Set<(online: boolean) => void>();

  subscribe(fn: (online: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  isOnline(): boolean {
    return this.online;
  }

  set(online: boolean): void {
    this.online = online;
    for (const fn of this.listeners) fn(online);
  }
}

/**
 * A kiosk database in memory. Pass the same `factory` and `name` again to "restart" the kiosk: a new
 * KioskDb over the same stored data, as after a power cut.
 */
export function memoryDb(name = 'kiosk', factory: IDBFactory = new IDBFactory()): KioskDb {
  return new KioskDb(name, { indexedDB: factory, IDBKeyRange });
}
export { IDBFactory };

/**
 * What the network does to one request:
 * - 'ok';
 * - 'dropRequest': the connection fails before the county sees anything;
 * - 'dropResponse': the county handles the request (and commits), the answer is lost;
 * - 'timeout': like dropResponse, reported as a timeout;
 * - 'malformed': the county handles it, the kiosk receives garbage;
 * - 'hang': the county handles it and the answer never comes (the kiosk crashes while waiting).
 */
export type Fault = 'ok' | 'dropRequest' | 'dropResponse' | 'timeout' | 'malformed' | 'hang';
export type FaultPlan = (call: { op: 'identify' | 'push' | 'pull'; n: number }) => Fault;

export function faultyTransport(inner: SyncTransport, plan: FaultPlan): SyncTransport {
  let n = 0;
  const wrap = async <T>(
    op: 'identify' | 'push' | 'pull',
    call: () => Promise<SyncResult<T>>,
  ): Promise<SyncResult<T>> => {
    const fault = plan({ op, n: n++ });
    switch (fault) {
      case 'ok':
        return call();
      case 'dropRequest':
        return { ok: false, error: syncError('OFFLINE', 'fault: request dropped') };
      case 'dropResponse':
        await call();
        return { ok: false, error: syncError('OFFLINE', 'fault: response dropped') };
      case 'timeout':
        await call();
        return { ok: false, error: syncError('TIMEOUT', 'fault: timed out') };
      case 'malformed':
        await call();
        return { ok: false, error: syncError('MALFORMED', 'fault: garbage answer') };
      case 'hang':
        await call();
        return new Promise<never>(() => undefined);
    }
  };
  return {
    identify: () => wrap('identify', () => inner.identify()),
    push: (req) => wrap('push', () => inner.push(req)),
    pull: (q) => wrap('pull', () => inner.pull(q)),
  };
}

// ---------------------------------------------------------------- a whole kiosk, for engine tests

export interface TestKioskOptions {
  county: FakeCounty;
  deviceId?: string;
  /** Same factory + name = the same stored data: how a test restarts a kiosk. */
  factory?: IDBFactory;
  name?: string;
  clock?: FakeClock;
  locks?: MemoryLocks;
  random?: () => number;
  events?: ConnectivityEvents;
  /** Wraps the county transport: faults, latency, spies. */
  wrap?: (t: SyncTransport) => SyncTransport;
  options?: SyncEngineDeps['options'];
  storage?: SyncEngineDeps['storage'];
}

export interface TestKiosk {
  db: KioskDb;
  engine: SyncEngine;
  clock: FakeClock;
  locks: MemoryLocks;
  factory: IDBFactory;
}

export function createTestKiosk(o: TestKioskOptions): TestKiosk {
  const deviceId = o.deviceId ?? 'dev-1';
  if (!o.county.devices.has(deviceId)) o.county.enroll(deviceId, 'v-1');
  const factory = o.factory ?? new IDBFactory();
  const db = memoryDb(o.name ?? 'kiosk', factory);
  const clock = o.clock ?? new FakeClock();
  const locks = o.locks ?? new MemoryLocks();
  const base = o.county.transport(deviceId);
  const engine = new SyncEngine({
    db,
    transport: o.wrap ? o.wrap(base) : base,
    clock,
    random: o.random ?? seededRandom(1),
    locks,
    ...(o.events && { events: o.events }),
    ...(o.options && { options: o.options }),
    ...(o.storage && { storage: o.storage }),
  });
  return { db, engine, clock, locks, factory };
}

/** A valid 'order.placed' payload (or one whose total does not match its lines: the county rejects it). */
export function orderPayload(i: number, valid = true): unknown {
  return {
    orderId: `order-${i}`,
    phone: '13800138000',
    lines: [{ itemId: 'sku-010001', name: '尿素 50kg', qty: 1 + (i % 3), unitPriceFen: 13500 }],
    totalFen: valid ? 13500 * (1 + (i % 3)) : 1,
    payment: 'cash',
  };
}

/**
 * Records an order the way a screen will: domain row and outbox row in one transaction. The domain
 * table stands in with `sideEffects` until the order tables exist.
 */
export function recordOrder(db: KioskDb, i: number, valid = true): Promise<OutboxEntry> {
  return recordAction(db, {
    table: 'sideEffects',
    row: { id: `order-${i}`, kind: 'print', status: 'pending', createdAt: '', ref: `order-${i}` },
    type: 'order.placed',
    payload: orderPayload(i, valid),
    newId: () => `m-${String(i).padStart(6, '0')}`,
  });
}
