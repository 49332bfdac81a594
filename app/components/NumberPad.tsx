/**
 * A phone-style numeric keypad (1 2 3 on top, as on the phones villagers know), for phone numbers,
 * pickup codes and amounts. Keys are ≥ 64 px; the value is controlled by the caller.
 */
export function NumberPad({
  value,
  onChange,
  maxLength,
  allowDot = false,
  labels,
}: {
  value: string;
  onChange: (next: string) => void;
  maxLength: number;
  allowDot?: boolean;
  labels: { backspace: string; clear: string };
}) {
  const press = (key: string) => {
    if (value.length >= maxLength) return;
    if (key === '.' && value.includes('.')) return;
    onChange(value + key);
  };
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <div className="number-pad" role="group">
      {keys.map((k) => (
        <button key={k} type="button" className="number-pad__key" onClick={() => press(k)}>
          {k}
        </button>
      ))}
      {allowDot ? (
        <button type="button" className="number-pad__key" onClick={() => press('.')}>
          .
        </button>
      ) : (
        <button type="button" className="number-pad__key number-pad__key--muted" onClick={() => onChange('')}>
          {labels.clear}
        </button>
      )}
      <button type="button" className="number-pad__key" onClick={() => press('0')}>
        0
      </button>
      <button
        type="button"
        className="number-pad__key number-pad__key--muted"
        aria-label={labels.backspace}
        onClick={() => onChange(value.slice(0, -1))}
      >
        ⌫
      </button>
    </div>
  );
}
