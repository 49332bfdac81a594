import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NumberPad } from './NumberPad';

function Harness({ maxLength, allowDot }: { maxLength: number; allowDot?: boolean }) {
  const [value, setValue] = useState('');
  return (
    <>
      <output aria-label="value">{value}</output>
      <NumberPad
        value={value}
        onChange={setValue}
        maxLength={maxLength}
        allowDot={allowDot}
        labels={{ backspace: '删除', clear: '清空' }}
      />
    </>
  );
}

describe('NumberPad', () => {
  it('types digits up to the length limit, deletes and clears', async () => {
    const user = userEvent.setup();
    render(<Harness maxLength={3} />);
    for (const k of ['1', '3', '8', '0']) await user.click(screen.getByRole('button', { name: k }));
    expect(screen.getByLabelText('value')).toHaveTextContent(/^138$/);
    await user.click(screen.getByRole('button', { name: '删除' }));
    expect(screen.getByLabelText('value')).toHaveTextContent(/^13$/);
    await user.click(screen.getByRole('button', { name: '清空' }));
    expect(screen.getByLabelText('value')).toBeEmptyDOMElement();
  });

  it('allows one decimal point for amounts', async () => {
    const user = userEvent.setup();
    render(<Harness maxLength={8} allowDot />);
    for (const k of ['1', '2', '.', '5', '.', '0']) await user.click(screen.getByRole('button', { name: k }));
    expect(screen.getByLabelText('value')).toHaveTextContent(/^12\.50$/);
  });
});
