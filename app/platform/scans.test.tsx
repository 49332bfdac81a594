import { act, renderHook } from '@testing-library/react';
import { fail, ok, type KioskTransport, type Result } from '../../kiosk-shell/api';
import { classifyScan, useScans, type Scan } from './scans';

describe('classifyScan', () => {
  it('reads a pickup slip QR as the village and its 6-digit code', () => {
    expect(classifyScan('VPK1:P:V001:482193')).toEqual({
      code: 'VPK1:P:V001:482193',
      kind: 'pickup',
      candidates: ['pickup'],
      villageId: 'V001',
      pickupCode: '482193',
    });
    expect(classifyScan(' 000123 ')).toMatchObject({ kind: 'pickup', pickupCode: '000123', villageId: null });
    expect(classifyScan('vpk1:p:v001:482193')).toMatchObject({ kind: 'pickup', pickupCode: '482193' });
  });

  it('takes a retail barcode only when its check digit is right', () => {
    expect(classifyScan('6901234567892')).toMatchObject({
      kind: 'barcode',
      format: 'EAN-13',
      candidates: ['barcode', 'waybill'],
    });
    expect(classifyScan('96385074')).toMatchObject({
      kind: 'barcode',
      format: 'EAN-8',
      candidates: ['barcode'],
    });
    expect(classifyScan('036000291452')).toMatchObject({ kind: 'barcode', format: 'UPC-A' });
    // One digit off: not a product; 13 digits is a plausible waybill (中通, 韵达).
    expect(classifyScan('6901234567893')).toMatchObject({ kind: 'waybill', candidates: ['waybill'] });
  });

  it('reads courier waybills with and without letters', () => {
    for (const waybill of ['SF1234567890123', 'YT7788990011', 'JT0001234567890', '773012345678901']) {
      expect(classifyScan(waybill), waybill).toMatchObject({ kind: 'waybill', code: waybill });
    }
  });

  it('finds the trace code in our QR, in a trace URL, or in a long number', () => {
    expect(classifyScan('VPK1:T:HB-2026-0042')).toMatchObject({ kind: 'trace', traceCode: 'HB-2026-0042' });
    expect(classifyScan('https://trace.example.cn/q?code=HB20260042&from=qr')).toMatchObject({
      kind: 'trace',
      traceCode: 'HB20260042',
    });
    expect(classifyScan('https://zs.example.gov.cn/p/HB20260042')).toMatchObject({
      kind: 'trace',
      traceCode: 'HB20260042',
    });
    // 药品追溯码 style: 20 digits; it could still be a (very long) waybill.
    expect(classifyScan('81234567890123456789')).toMatchObject({
      kind: 'trace',
      candidates: ['trace', 'waybill'],
    });
  });

  it('says unknown rather than guessing at text that is none of these', () => {
    expect(classifyScan('你好')).toEqual({ code: '你好', kind: 'unknown', candidates: [] });
    expect(classifyScan('ABCD')).toMatchObject({ kind: 'unknown', candidates: ['waybill'] });
    expect(classifyScan('javascript:alert(1)')).toMatchObject({ kind: 'unknown', candidates: [] });
  });
});

/** The shell's scanner.next as the page sees it: a poll waits until `scan` or its timeout. */
function fakeShell(answer: 'scanner' | 'NOT_AVAILABLE' = 'scanner') {
  const waiting: ((r: Result<unknown>) => void)[] = [];
  const calls: string[] = [];
  const api: KioskTransport = {
    invoke: (method) => {
      calls.push(method);
      if (answer === 'NOT_AVAILABLE') return Promise.resolve(fail('NOT_AVAILABLE', 'none'));
      return new Promise((resolve) => waiting.push(resolve)) as never;
    },
  };
  const scan = (code: string) => {
    for (const w of waiting.splice(0)) w(ok({ code, at: 0 }));
  };
  const timeOut = () => {
    for (const w of waiting.splice(0)) w(fail('TIMEOUT', 'nothing'));
  };
  return { api, calls, scan, timeOut, polling: () => waiting.length };
}

function typeFast(text: string, clock: { t: number }) {
  for (const key of [...text, 'Enter']) {
    clock.t += 5;
    window.dispatchEvent(new KeyboardEvent('keydown', { key }));
  }
}

describe('useScans', () => {
  it('delivers wedge and serial scans, classified and marked with where they came from', async () => {
    const shell = fakeShell();
    const clock = { t: 0 };
    const got: Scan[] = [];
    const { unmount } = renderHook(() =>
      useScans((s) => got.push(s), { api: shell.api, wedge: { now: () => clock.t } }),
    );
    typeFast('SF1234567890', clock);
    await act(async () => {
      shell.scan('VPK1:P:V001:482193');
      await Promise.resolve();
    });
    expect(got).toEqual([
      expect.objectContaining({ source: 'wedge', kind: 'waybill', code: 'SF1234567890' }),
      expect.objectContaining({ source: 'serial', kind: 'pickup', pickupCode: '482193' }),
    ]);
    unmount();
  });

  it('leaves a person typing alone', () => {
    const clock = { t: 0 };
    const got: Scan[] = [];
    renderHook(() => useScans((s) => got.push(s), { wedge: { now: () => clock.t } }));
    for (const key of [...'1234567', 'Enter']) {
      clock.t += 200;
      window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    }
    expect(got).toEqual([]);
  });

  it('asks again after a poll times out, and stops asking once unmounted', async () => {
    const shell = fakeShell();
    const { unmount } = renderHook(() => useScans(() => undefined, { api: shell.api }));
    expect(shell.calls).toEqual(['scanner.next']);
    await act(async () => {
      shell.timeOut();
      await Promise.resolve();
    });
    expect(shell.calls).toHaveLength(2);
    unmount();
    await act(async () => {
      shell.timeOut();
      await Promise.resolve();
    });
    expect(shell.calls).toHaveLength(2);
    expect(shell.polling()).toBe(0);
  });

  it('runs one poll for many hooks, and delivers nothing while disabled', async () => {
    const shell = fakeShell();
    const a: string[] = [];
    const b: string[] = [];
    const first = renderHook(() => useScans((s) => a.push(s.code), { api: shell.api }));
    const second = renderHook(({ enabled }) => useScans((s) => b.push(s.code), { api: shell.api, enabled }), {
      initialProps: { enabled: false },
    });
    expect(shell.polling()).toBe(1);
    await act(async () => {
      shell.scan('6901234567892');
      await Promise.resolve();
    });
    second.rerender({ enabled: true });
    await act(async () => {
      await Promise.resolve();
      shell.scan('YT7788990011');
      await Promise.resolve();
    });
    expect(a).toEqual(['6901234567892', 'YT7788990011']);
    expect(b).toEqual(['YT7788990011']);
    expect(shell.polling()).toBe(1);
    first.unmount();
    second.unmount();
  });

  it('keeps polling after a transport that rejects instead of answering', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const api: KioskTransport = {
        invoke: () => {
          calls += 1;
          return calls === 1 ? Promise.reject(new Error('ipc gone')) : new Promise(() => undefined);
        },
      };
      const { unmount } = renderHook(() => useScans(() => undefined, { api }));
      await act(async () => vi.advanceTimersByTimeAsync(2_500));
      expect(calls).toBe(2);
      unmount();
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits before asking again when the terminal has no serial scanner', async () => {
    vi.useFakeTimers();
    try {
      const shell = fakeShell('NOT_AVAILABLE');
      const { unmount } = renderHook(() => useScans(() => undefined, { api: shell.api }));
      await act(async () => vi.advanceTimersByTimeAsync(1000));
      expect(shell.calls).toHaveLength(1);
      await act(async () => vi.advanceTimersByTimeAsync(30_000));
      expect(shell.calls).toHaveLength(2);
      unmount();
      await act(async () => vi.advanceTimersByTimeAsync(60_000));
      expect(shell.calls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
