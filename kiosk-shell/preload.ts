/**
 * The whole of `window.kiosk` in Electron: one `invoke`, checked against the contract with
 * `satisfies`, forwarding to the main process over one namespaced channel (STYLE.md, Actual Budget).
 *
 * Invariants:
 * - the page gets a function that sends (method, input) and nothing else: no ipcRenderer, no channel
 *   names, no Node. Validation happens in main (handlers.ts dispatch), never here, because the page
 *   could bypass anything done in its own process;
 * - with `sandbox: true` a preload can only require 'electron', so this file is bundled into one
 *   file (scripts/build-shell.ts) and takes only a constant and types from api.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE_CHANNEL, type KioskTransport } from './api';

// The main-process handler always answers with a Result value, so this promise resolves even when
// the call fails (BAD_REQUEST, UNKNOWN_METHOD, INTERNAL ...); it rejects only if IPC itself breaks.
const kiosk = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
} satisfies KioskTransport;

contextBridge.exposeInMainWorld('kiosk', kiosk);
