/**
 * Back to the home screen after a spell of no touches, so the next villager never lands in the
 * previous one's screen. A short warning comes first; any touch cancels it.
 */
import { useEffect, useState } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleTimeout(opts: {
  timeoutMs: number;
  warningMs?: number;
  enabled: boolean;
  onIdle: () => void;
}): { warning: boolean } {
  const { timeoutMs, enabled, onIdle } = opts;
  const warningMs = Math.min(opts.warningMs ?? 10_000, timeoutMs / 2);
  const [warning, setWarning] = useState(false);

  useEffect(() => {
    if (!enabled) return;
    let warnTimer: ReturnType<typeof setTimeout>;
    let idleTimer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(warnTimer);
      clearTimeout(idleTimer);
      setWarning(false);
      warnTimer = setTimeout(() => setWarning(true), timeoutMs - warningMs);
      idleTimer = setTimeout(() => {
        setWarning(false);
        onIdle();
      }, timeoutMs);
    };
    arm();
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, arm, { passive: true });
    return () => {
      clearTimeout(warnTimer);
      clearTimeout(idleTimer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, arm);
    };
  }, [enabled, timeoutMs, warningMs, onIdle]);

  return { warning: enabled && warning };
}
