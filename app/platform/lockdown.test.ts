import { lockDownPage } from './lockdown';

/** Dispatches a cancelable event the way the browser would; true when the page refused it. */
function refused(target: EventTarget, event: Event): boolean {
  target.dispatchEvent(event);
  return event.defaultPrevented;
}
const key = (k: string, mods: KeyboardEventInit = {}) =>
  new KeyboardEvent('keydown', { key: k, cancelable: true, bubbles: true, ...mods });

describe('lockDownPage', () => {
  let release: () => void;
  beforeEach(() => {
    release = lockDownPage(window);
  });
  afterEach(() => {
    release();
    document.body.innerHTML = '';
  });

  it('refuses the context menu, dragging images out and ctrl-wheel zoom; a plain wheel still scrolls', () => {
    expect(refused(window, new MouseEvent('contextmenu', { cancelable: true }))).toBe(true);
    expect(refused(window, new Event('dragstart', { cancelable: true }))).toBe(true);
    expect(refused(window, new WheelEvent('wheel', { ctrlKey: true, cancelable: true }))).toBe(true);
    expect(refused(window, new WheelEvent('wheel', { cancelable: true }))).toBe(false);
  });

  it('refuses zoom and browser-dialog shortcuts but lets scanners and plain keys through', () => {
    for (const k of ['+', '-', '=', '0']) expect(refused(window, key(k, { ctrlKey: true }))).toBe(true);
    for (const k of ['p', 'S', 'f']) expect(refused(window, key(k, { ctrlKey: true }))).toBe(true);
    expect(refused(window, key('p', { metaKey: true }))).toBe(true);
    // A keyboard-wedge scanner types digits and Enter: never blocked.
    for (const k of ['6', '9', 'Enter', 'a']) expect(refused(window, key(k))).toBe(false);
  });

  it('refuses selecting text on the page, but not inside an editable field', () => {
    const p = document.body.appendChild(document.createElement('p'));
    p.textContent = '公告正文';
    const input = document.body.appendChild(document.createElement('input'));
    expect(refused(p, new Event('selectstart', { cancelable: true, bubbles: true }))).toBe(true);
    expect(refused(input, new Event('selectstart', { cancelable: true, bubbles: true }))).toBe(false);
  });

  it('refuses a two-finger pinch but not a one-finger pan', () => {
    const touchmove = (fingers: number) => {
      const e = new Event('touchmove', { cancelable: true, bubbles: true });
      Object.defineProperty(e, 'touches', { value: { length: fingers } });
      return e;
    };
    expect(refused(window, touchmove(2))).toBe(true);
    expect(refused(window, touchmove(1))).toBe(false);
  });

  it('stops refusing once released', () => {
    release();
    expect(refused(window, new MouseEvent('contextmenu', { cancelable: true }))).toBe(false);
  });
});
