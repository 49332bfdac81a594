/**
 * Browser mode's transport: KioskApi calls over the loopback WebSocket served by kiosk-shell/bridge.ts.
 * The page fetches the per-start token same-origin, then offers it as a WebSocket subprotocol.
 * A call never hangs and never throws: a dead socket or a slow shell becomes a DISCONNECTED or
 * TIMEOUT result that the screen can show.
 */
import {
  BRIDGE_SOCKET_PATH,
  BRIDGE_TOKEN_PATH,
  fail,
  type KioskMethod,
  type KioskTransport,
  type MethodInput,
  type MethodOutput,
  type Result,
} from '../../kiosk-shell/api';

export type LinkState = 'connecting' | 'open' | 'closed';

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface BridgeClientOptions {
  origin?: string;
  callTimeoutMs?: number;
  /** Delay before reconnecting after the socket closed; doubles up to maxReconnectMs. */
  reconnectMs?: number;
  maxReconnectMs?: number;
  WebSocketImpl?: typeof WebSocket;
  fetchImpl?: typeof fetch;
}

export class BridgeClient implements KioskTransport {
  private socket: WebSocket | undefined;
  private opening: Promise<WebSocket | undefined> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(state: LinkState) => void>();
  private reconnectDelay: number;
  private closedByUs = false;
  state: LinkState = 'closed';

  constructor(private readonly opts: BridgeClientOptions = {}) {
    this.reconnectDelay = opts.reconnectMs ?? 1000;
  }

  onState(listener: (state: LinkState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: LinkState): void {
    this.state = state;
    for (const l of this.listeners) l(state);
  }

  async invoke<M extends KioskMethod>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    const socket = await this.connect();
    if (!socket) return fail('DISCONNECTED', '终端服务未连接 / kiosk service not connected');
    const id = this.nextId++;
    return new Promise<Result<MethodOutput<M>>>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(fail('TIMEOUT', `${method} 超时 / timed out`));
      }, this.opts.callTimeoutMs ?? 10_000);
      this.pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, timer });
      socket.send(JSON.stringify({ id, method, input }));
    });
  }

  /** Opens the socket if needed; resolves undefined when the shell cannot be reached. */
  connect(): Promise<WebSocket | undefined> {
    if (this.socket?.readyState === 1) return Promise.resolve(this.socket);
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  close(): void {
    this.closedByUs = true;
    this.socket?.close();
  }

  private async open(): Promise<WebSocket | undefined> {
    const origin = this.opts.origin ?? window.location.origin;
    const fetchImpl = this.opts.fetchImpl ?? fetch.bind(globalThis);
    const WS = this.opts.WebSocketImpl ?? WebSocket;
    this.setState('connecting');
    let token: string;
    try {
      const res = await fetchImpl(new URL(BRIDGE_TOKEN_PATH, origin), {
        cache: 'no-store',
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(`token ${res.status}`);
      token = ((await res.json()) as { token: string }).token;
    } catch {
      this.setState('closed');
      this.scheduleReconnect();
      return undefined;
    }
    const url = new URL(BRIDGE_SOCKET_PATH, origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WS(url, ['vpk-bridge.v1', `vpk-token.${token}`]);
    return new Promise((resolve) => {
      socket.onopen = () => {
        this.socket = socket;
        this.reconnectDelay = this.opts.reconnectMs ?? 1000;
        this.setState('open');
        resolve(socket);
      };
      socket.onmessage = (event: MessageEvent) => this.receive(String(event.data));
      socket.onclose = () => {
        if (this.socket === socket) this.socket = undefined;
        this.failPending();
        this.setState('closed');
        resolve(undefined);
        this.scheduleReconnect();
      };
    });
  }

  private receive(text: string): void {
    let message: { id?: unknown; result?: Result<unknown> };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id !== 'number' || !message.result) return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(message.id);
    pending.resolve(message.result);
  }

  private failPending(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(fail('DISCONNECTED', '终端服务连接中断 / kiosk service disconnected'));
      this.pending.delete(id);
    }
  }

  private scheduleReconnect(): void {
    if (this.closedByUs) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, this.opts.maxReconnectMs ?? 15_000);
    setTimeout(() => void this.connect(), delay);
  }
}
