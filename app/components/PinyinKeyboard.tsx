/**
 * The catalogue search keyboard: letters only, in the QWERTY rows that pinyin users know. The search
 * matches full pinyin ('huafei') and initials ('hf') alike, so a few taps are enough and nobody
 * needs an input method. Hanzi come from the scanner or from browsing categories.
 */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

export function PinyinKeyboard({
  value,
  onChange,
  maxLength = 24,
  labels,
}: {
  value: string;
  onChange: (next: string) => void;
  maxLength?: number;
  labels: { backspace: string; clear: string; space: string };
}) {
  const press = (k: string) => {
    if (value.length < maxLength) onChange(value + k);
  };
  return (
    <div className="pinyin-keyboard" role="group">
      {ROWS.map((row) => (
        <div key={row} className="pinyin-keyboard__row">
          {[...row].map((k) => (
            <button key={k} type="button" className="pinyin-keyboard__key" onClick={() => press(k)}>
              {k}
            </button>
          ))}
        </div>
      ))}
      <div className="pinyin-keyboard__row">
        <button
          type="button"
          className="pinyin-keyboard__key pinyin-keyboard__key--wide"
          onClick={() => onChange('')}
        >
          {labels.clear}
        </button>
        <button
          type="button"
          className="pinyin-keyboard__key pinyin-keyboard__key--space"
          onClick={() => press(' ')}
        >
          {labels.space}
        </button>
        <button
          type="button"
          className="pinyin-keyboard__key pinyin-keyboard__key--wide"
          aria-label={labels.backspace}
          onClick={() => onChange(value.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
    </div>
  );
}
