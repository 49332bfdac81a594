/**
 * A ByteTransport carries bytes to and from one device (a locker bus, a printer) and nothing else:
 * no framing, no retries of data. The drivers above it own the protocol; the transport owns the
 * connection — opening, noticing it is gone, and (where it can) getting it back.
 *
 * Invariant: `write` never queues bytes for later. If the link is down it fails at once with
 * BUS_UNPLUGGED, so a door-open command can never be delivered minutes late when the adapter returns.
 */
import type { DriverResult } from '../result';

export type TransportState =
  | 'connecting' // first open in progress
  | 'open'
  | 'unplugged' // lost or never found; a reconnecting transport keeps trying
  | 'closed'; // closed by its owner; final

export interface ByteTransport {
  /** For logs and operator messages: `serial:/dev/ttyUSB0@9600`, `tcp://10.0.0.5:9100`. */
  readonly description: string;
  readonly state: TransportState;
  /** Whether the device can answer (a file or a one-way USB printer node cannot). */
  readonly readable: boolean;
  write(bytes: Uint8Array): Promise<DriverResult<void>>;
  /** Subscribes to received bytes; returns the unsubscribe function. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  onState(listener: (state: TransportState) => void): () => void;
  /** Resolves when the transport is open, or false after `timeoutMs` (never rejects). */
  whenOpen(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Listener bookkeeping shared by the implementations. */
export abstract class TransportBase {
  private dataListeners = new Set<(bytes: Uint8Array) => void>();
  private stateListeners = new Set<(state: TransportState) => void>();
  protected currentState: TransportState = 'connecting';

  get state(): TransportState {
    return this.currentState;
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onState(listener: (state: TransportState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  whenOpen(timeoutMs: number): Promise<boolean> {
    if (this.currentState === 'open') return Promise.resolve(true);
    if (this.currentState === 'closed') return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, timeoutMs);
      const off = this.onState((s) => {
        if (s === 'open' || s === 'closed') {
          clearTimeout(timer);
          off();
          resolve(s === 'open');
        }
      });
    });
  }

  protected emitData(bytes: Uint8Array): void {
    for (const l of this.dataListeners) l(bytes);
  }

  protected setState(state: TransportState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    for (const l of this.stateListeners) l(state);
  }
}
