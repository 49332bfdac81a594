/**
 * The whole Electron transport, minus the Electron binary: the page calls `window.kiosk.invoke`
 * (what preload.ts exposes) → ipcRenderer.invoke → the channel registered by registerIpc → dispatch
 * → the REAL handler table over simulated hardware → a Result back in the page. The fake Electron
 * passes arguments and answers through structuredClone, as IPC does, so an answer that could not
 * cross a real process boundary (a function, an Error's fields) would fail here too.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { silentLogger } from '../common/logger';
import { IPC_INVOKE_CHANNEL, type KioskTransport } from './api';
import { registerIpc } from './electron-wiring';
import { testHandlers } from './testing';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Listener>();
  const exposed = new Map<string, unknown>();
  // The URL of the frame the next call comes from; null stands for a frame that is already gone.
  const sender: { url: string | null } = { url: null };
  return {
    listeners,
    exposed,
    sender,
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        if (listeners.has(channel))
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        listeners.set(channel, listener);
      },
    },
    electron: {
      contextBridge: {
        exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
      },
      ipcRenderer: {
        invoke: vi.fn(async (channel: string, ...args: unknown[]) => {
          const listener = listeners.get(channel);
          if (listener === undefined) throw new Error(`No handler registered for '${channel}'`);
          const event = {
            senderFrame: sender.url === null ? null : { url: sender.url },
          } as IpcMainInvokeEvent;
          return structuredClone(await listener(event, ...structuredClone(args)));
        }),
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

const PORT = 8765;
const KIOSK_PAGE = `http://127.0.0.1:${PORT}/#/parcels`;
const { handlers, hardware } = testHandlers('electron');
let kiosk: KioskTransport;

beforeAll(async () => {
  registerIpc(fake.ipcMain, handlers, silentLogger, PORT);
  await import('./preload');
  kiosk = fake.exposed.get('kiosk') as KioskTransport;
});

beforeEach(() => {
  fake.sender.url = KIOSK_PAGE;
  hardware.printer.state = 'ready';
});

describe('the Electron path: page → preload → IPC → dispatch → handler → result', () => {
  it('exposes exactly one object, window.kiosk, holding only invoke', () => {
    expect(fake.electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fake.exposed.keys()]).toEqual(['kiosk']);
    expect(Object.keys(kiosk)).toEqual(['invoke']);
  });

  it('sends every call over the one kiosk channel', async () => {
    await kiosk.invoke('system.info', {});
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_INVOKE_CHANNEL, 'system.info', {});
  });

  it("answers printer.status with the simulated printer's state, and follows it when it changes", async () => {
    expect(await kiosk.invoke('printer.status', {})).toEqual({
      ok: true,
      value: { state: 'ready', model: '模拟打印机 58mm', paperWidthMm: 58, simulated: true },
    });
    hardware.printer.state = 'paper_out';
    const result = await kiosk.invoke('printer.status', {});
    expect(result.ok && result.value.state).toBe('paper_out');
  });

  it('answers locker.status from the simulated locker bank', async () => {
    expect(await kiosk.invoke('locker.status', {})).toEqual({
      ok: true,
      value: { state: 'ready', compartments: 24, free: 24, outOfService: 0, simulated: true },
    });
  });

  it('answers system.info, telling the page it runs in Electron', async () => {
    const result = await kiosk.invoke('system.info', {});
    expect(result).toMatchObject({ ok: true, value: { shell: 'electron', locale: 'zh-CN' } });
  });

  it('refuses input outside the schema with BAD_REQUEST, as a value', async () => {
    const result = await kiosk.invoke('printer.status', { cut: true } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses a method the contract does not have with UNKNOWN_METHOD', async () => {
    const result = await kiosk.invoke('locker.openAll' as never, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it.each([
    ['a foreign site', 'https://evil.example/'],
    ['another port on loopback', 'http://127.0.0.1:9999/'],
    ['a local file', 'file:///C:/kiosk/index.html'],
    ['a frame that is gone', null],
  ])('refuses a call from %s without running the handler', async (_what, url) => {
    fake.sender.url = url;
    const spy = vi.spyOn(hardware.printerService, 'status');
    const result = await kiosk.invoke('printer.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('turns a handler that throws into an INTERNAL result instead of a rejected promise', async () => {
    const spy = vi
      .spyOn(hardware.printerService, 'status')
      .mockRejectedValueOnce(new Error('serial port vanished'));
    const result = await kiosk.invoke('printer.status', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('serial port vanished') as unknown },
    });
    spy.mockRestore();
  });

  it('turns a handler answering outside its contract into INTERNAL', async () => {
    const spy = vi
      .spyOn(hardware.lockerService, 'status')
      .mockResolvedValueOnce({ ok: true, value: { state: 'on fire' } as never });
    const result = await kiosk.invoke('locker.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    spy.mockRestore();
  });
});
