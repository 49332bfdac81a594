/**
 * The one file that finds `window.kiosk`. In Electron the preload script exposes it; in a plain
 * browser (development, e2e, Chromium kiosk terminals) we talk to the bridge instead. Nothing else in
 * the UI knows which transport it has.
 */
import type { KioskTransport } from '../../kiosk-shell/api';
import { BridgeClient, type LinkState } from './bridge-client';

declare global {
  interface Window {
    kiosk?: KioskTransport;
  }
}

export interface KioskPlatform {
  api: KioskTransport;
  shell: 'electron' | 'browser';
  /** Link to the hardware side; in Electron it is always open (same process tree). */
  link: { state: () => LinkState; subscribe: (fn: (s: LinkState) => void) => () => void };
}

export function detectPlatform(win: Window = window): KioskPlatform {
  if (win.kiosk) {
    return {
      api: win.kiosk,
      shell: 'electron',
      link: { state: () => 'open', subscribe: () => () => undefined },
    };
  }
  const client = new BridgeClient({ origin: win.location.origin });
  void client.connect();
  return {
    api: client,
    shell: 'browser',
    link: { state: () => client.state, subscribe: (fn) => client.onState(fn) },
  };
}
