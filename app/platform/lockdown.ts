/**
 * A public touchscreen is not a desktop: no context menu, no pinch or ctrl-wheel zoom, no text
 * selection (styles.css), no dragging images out. Electron's kiosk window adds the rest.
 */
export function lockDownPage(win: Window): void {
  win.addEventListener('contextmenu', (e) => e.preventDefault());
  win.addEventListener('dragstart', (e) => e.preventDefault());
  win.addEventListener(
    'wheel',
    (e) => {
      if (e.ctrlKey) e.preventDefault();
    },
    { passive: false },
  );
  win.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0'].includes(e.key)) e.preventDefault();
  });
  // Safari-style pinch gestures (some Android-based terminals run WebViews that emit them).
  win.addEventListener('gesturestart', (e) => e.preventDefault());
}
