/**
 * Back to the home screen after a spell of no touches, so the next villager never lands in the
 * previous one's screen (nor sees their phone number or cart). A warning with a countdown comes
 * first; any touch, key or scan cancels it. Whatever a screen holds only in its own state (the shop's
 * cart, 我的订单's phone number) is dropped when App unmounts it on the way home.
 */
import { useEffect, useState } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleTimeout(opts: {
  timeoutMs: number;
  warningMs?: number;
  enabled: boolean;
  onIdle: () => void;
}): { warning: boolean; secondsLeft: number } {
  const { timeoutMs, enabled, onIdle } = opts;
  const warningMs = Math.min(opts.warningMs ?? 10_000, timeoutMs / 2);
  // When the warning began (ms on the timer clock), or undefined while there is none.
  const [warnedUntil, setWarnedUntil] = useState<number>();
  const [now, setNow] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let warnTimer: ReturnType<typeof setTimeout>;
    let idleTimer: ReturnType<typeof setTimeout>;
    let tick: ReturnType<typeof setInterval> | undefined;
    const stopTick = () => {
      if (tick !== undefined) clearInterval(tick);
      tick = undefined;
    };
    const arm = () => {
      clearTimeout(warnTimer);
      clearTimeout(idleTimer);
      stopTick();
      setWarnedUntil(undefined);
      warnTimer = setTimeout(() => {
        const until = Date.now() + warningMs;
        setWarnedUntil(until);
        setNow(Date.now());
        tick = setInterval(() => setNow(Date.now()), 1000);
      }, timeoutMs - warningMs);
      idleTimer = setTimeout(() => {
        stopTick();
        setWarnedUntil(undefined);
        onIdle();
      }, timeoutMs);
    };
    arm();
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, arm, { passive: true });
    return () => {
      clearTimeout(warnTimer);
      clearTimeout(idleTimer);
      stopTick();
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, arm);
    };
  }, [enabled, timeoutMs, warningMs, onIdle]);

  const warning = enabled && warnedUntil !== undefined;
  return {
    warning,
    secondsLeft: warning ? Math.max(1, Math.ceil((warnedUntil - now) / 1000)) : 0,
  };
}
