import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { DatePicker, type DatePickerLabels } from './DatePicker';

const labels: DatePickerLabels = {
  relative: { 0: '今天', 1: '明天', [-1]: '昨天' },
  earlier: '更早',
  later: '更晚',
  pick: '选择日期',
};
const TODAY = new Date(2026, 11, 30, 9, 0); // 30 Dec 2026: the pages cross a month and a year

function Harness({ direction, days }: { direction: 'future' | 'past'; days: number }) {
  const [value, setValue] = useState<string>();
  return (
    <>
      <DatePicker
        today={TODAY}
        days={days}
        direction={direction}
        value={value}
        onChange={setValue}
        labels={labels}
        locale="zh-CN"
      />
      <output>{value ?? 'none'}</output>
    </>
  );
}

describe('DatePicker', () => {
  it('offers today onward by name, pages later days across the new year, and gives local YYYY-MM-DD', async () => {
    const user = userEvent.setup();
    render(<Harness direction="future" days={20} />);
    const days = screen.getAllByRole('radio');
    expect(days).toHaveLength(14);
    expect(days[0]).toHaveAccessibleName(/^今天 12月30日/);
    expect(days[1]).toHaveAccessibleName(/^明天 12月31日/);
    await user.click(days[2]!);
    expect(screen.getByRole('status')).toHaveTextContent('2027-01-01');
    expect(days[2]).toHaveAttribute('aria-checked', 'true');

    expect(screen.getByRole('button', { name: /更早/ })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: /更晚/ }));
    expect(screen.getAllByRole('radio')).toHaveLength(6); // days 15–20
    expect(screen.getByRole('button', { name: /更晚/ })).toBeDisabled();
  });

  it('goes back from today for past days (harvest), never offering tomorrow', async () => {
    const user = userEvent.setup();
    render(<Harness direction="past" days={3} />);
    const days = screen.getAllByRole('radio');
    expect(days.map((d) => d.getAttribute('data-day'))).toEqual(['2026-12-30', '2026-12-29', '2026-12-28']);
    expect(days[1]).toHaveAccessibleName(/^昨天/);
    await user.click(days[2]!);
    expect(screen.getByRole('status')).toHaveTextContent('2026-12-28');
    expect(screen.queryByRole('button', { name: /更晚|更早/ })).toBeNull();
  });
});
