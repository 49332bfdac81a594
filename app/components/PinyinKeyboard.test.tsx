import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PinyinKeyboard } from './PinyinKeyboard';

function Harness() {
  const [value, setValue] = useState('');
  return (
    <>
      <output aria-label="query">{value}</output>
      <PinyinKeyboard
        value={value}
        onChange={setValue}
        labels={{ backspace: '删除', clear: '清空', space: '空格' }}
      />
    </>
  );
}

describe('PinyinKeyboard', () => {
  it('types initials for the search, deletes and clears', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'h' }));
    await user.click(screen.getByRole('button', { name: 'f' }));
    expect(screen.getByLabelText('query')).toHaveTextContent(/^hf$/);
    await user.click(screen.getByRole('button', { name: '删除' }));
    expect(screen.getByLabelText('query')).toHaveTextContent(/^h$/);
    await user.click(screen.getByRole('button', { name: '清空' }));
    expect(screen.getByLabelText('query')).toBeEmptyDOMElement();
  });

  it('offers all 26 letters', () => {
    render(<Harness />);
    for (const k of 'abcdefghijklmnopqrstuvwxyz')
      expect(screen.getByRole('button', { name: k })).toBeInTheDocument();
  });
});
