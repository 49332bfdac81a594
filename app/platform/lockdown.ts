/**
 * A public touchscreen is not a desktop: no context menu, no pinch or ctrl-wheel zoom, no text
 * selection (here and in styles.css), no dragging images out, no browser shortcuts that open a print,
 * save or find dialog over the kiosk. Electron's kiosk window and the Chromium launch flags
 * (--disable-pinch) add the rest; this covers terminals that run a plain Chromium in kiosk mode.
 * Editable fields (operator forms) keep their selection, so text can still be corrected there.
 */
const ZOOM_KEYS = new Set(['+', '-', '=', '_', '0']);
/** Ctrl/⌘ shortcuts that would open a browser dialog or page over the kiosk. */
const BROWSER_KEYS = new Set(['p', 's', 'o', 'f', 'g', 'u', 'j', 'h', 'd']);

function editable(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return !!target.closest('input, textarea, [contenteditable=""], [contenteditable="true"]');
}

export function lockDownPage(win: Window): () => void {
  const controller = new AbortController();
  const on = <K extends keyof WindowEventMap>(
    type: K,
    handler: (e: WindowEventMap[K]) => void,
    passive = false,
  ) => win.addEventListener(type, handler, { signal: controller.signal, passive });
  const block = (e: Event) => e.preventDefault();

  on('contextmenu', block);
  on('dragstart', block);
  on('selectstart', (e) => {
    if (!editable(e.target)) e.preventDefault();
  });
  on('wheel', (e) => {
    if (e.ctrlKey) e.preventDefault();
  });
  // Two fingers on the glass are a pinch: the kiosk has nothing that needs them.
  on('touchmove', (e) => {
    if (e.touches.length > 1) e.preventDefault();
  });
  on('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    if (ZOOM_KEYS.has(e.key) || BROWSER_KEYS.has(e.key.toLowerCase())) e.preventDefault();
  });
  // Safari-style pinch gestures (some Android-based terminals run WebViews that emit them).
  win.addEventListener('gesturestart', block, { signal: controller.signal });
  return () => controller.abort();
}
