/**
 * Which key combinations the kiosk window swallows (electron-wiring.ts hardenWebContents, on
 * `before-input-event`): those that would take a villager out of the kiosk or into the machine —
 * close the window or quit, leave full screen, open devtools, print/save/open dialogs, view source,
 * new windows, zoom, history navigation. Reload (Ctrl+R, F5) stays: it only brings the kiosk page
 * back. Alt+Tab, the Windows key and Ctrl+Alt+Del never reach the page; the terminal's OS session
 * (Windows Assigned Access, a single-app Linux session) has to take care of those.
 */

/** The part of Electron's `Input` that decides whether a key leaves the kiosk. */
export interface KeyInput {
  type: string;
  key: string;
  alt: boolean;
  control: boolean;
  meta: boolean;
  shift: boolean;
}

/** With Ctrl (or Cmd): close, quit, new window/tab, print, save, open, view source, zoom. */
const BLOCKED_WITH_MOD = new Set(['w', 'q', 'n', 't', 'p', 's', 'o', 'u', '+', '=', '-', '0']);
/** With Ctrl+Shift: devtools (I, J, C), close window, new incognito window, clear browsing data. */
const BLOCKED_WITH_MOD_SHIFT = new Set(['i', 'j', 'c', 'w', 'n', 'delete']);
/** On their own: leave full screen, devtools, the keyboard's browser keys. */
const BLOCKED_ALONE = new Set([
  'f11',
  'f12',
  'browserback',
  'browserforward',
  'browserhome',
  'browsersearch',
]);

export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (BLOCKED_ALONE.has(key)) return true;
  // Alt+F4 closes the window; Alt+arrows and Alt+Home navigate history.
  if (input.alt && ['f4', 'arrowleft', 'arrowright', 'home'].includes(key)) return true;
  if (mod && input.shift && BLOCKED_WITH_MOD_SHIFT.has(key)) return true;
  if (mod && !input.alt && BLOCKED_WITH_MOD.has(key)) return true;
  return false;
}
