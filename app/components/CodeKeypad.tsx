/**
 * An on-screen keypad for short codes (enrollment codes, later pickup codes): the terminal has no
 * keyboard, and a code alphabet without 0/O and 1/I means fewer mistyped codes.
 */
export function CodeKeypad({
  keys,
  onKey,
  onBackspace,
  disabled = false,
  backspaceLabel,
}: {
  keys: string;
  onKey: (key: string) => void;
  onBackspace: () => void;
  disabled?: boolean;
  backspaceLabel: string;
}) {
  return (
    <div className="code-keypad" role="group">
      {[...keys].map((k) => (
        <button
          key={k}
          type="button"
          className="code-keypad__key"
          disabled={disabled}
          onClick={() => onKey(k)}
        >
          {k}
        </button>
      ))}
      <button
        type="button"
        className="code-keypad__key code-keypad__key--wide"
        disabled={disabled}
        onClick={onBackspace}
        aria-label={backspaceLabel}
      >
        ⌫
      </button>
    </div>
  );
}
