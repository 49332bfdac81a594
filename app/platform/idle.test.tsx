import { act, renderHook } from '@testing-library/react';
import { useIdleTimeout } from './idle';

afterEach(() => vi.useRealTimers());

const advance = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });

describe('useIdleTimeout', () => {
  it('warns with a countdown before going home, and goes home once', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const { result } = renderHook(() => useIdleTimeout({ timeoutMs: 60_000, enabled: true, onIdle }));
    advance(49_000);
    expect(result.current.warning).toBe(false);
    advance(1_000);
    expect(result.current).toEqual({ warning: true, secondsLeft: 10 });
    advance(3_000);
    expect(result.current.secondsLeft).toBe(7);
    expect(onIdle).not.toHaveBeenCalled();
    advance(7_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(result.current.warning).toBe(false);
    advance(120_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('a touch during the warning cancels it and starts the wait again', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const { result } = renderHook(() => useIdleTimeout({ timeoutMs: 60_000, enabled: true, onIdle }));
    advance(55_000);
    expect(result.current.warning).toBe(true);
    act(() => {
      window.dispatchEvent(new Event('pointerdown'));
    });
    expect(result.current.warning).toBe(false);
    advance(55_000);
    expect(onIdle).not.toHaveBeenCalled();
    // A scan (keys from a wedge scanner) counts as activity too.
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: '6' }));
    });
    advance(59_000);
    expect(onIdle).not.toHaveBeenCalled();
    advance(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does nothing while disabled (the home screen)', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const { result } = renderHook(() => useIdleTimeout({ timeoutMs: 10_000, enabled: false, onIdle }));
    advance(60_000);
    expect(result.current.warning).toBe(false);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
