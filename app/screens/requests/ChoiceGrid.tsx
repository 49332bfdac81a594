/**
 * A question answered by tapping one big button (radio semantics): produce kinds, units, bill kinds,
 * routes, reasons. Villagers who cannot type never need to.
 */
export function ChoiceGrid<V extends string>({
  label,
  options,
  value,
  onChange,
  columns = 4,
}: {
  label: string;
  options: readonly { value: V; name: string; hint?: string }[];
  value: V | undefined;
  onChange: (value: V) => void;
  columns?: number;
}) {
  return (
    <div
      className="req-choices"
      role="radiogroup"
      aria-label={label}
      style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          className={`choice choice--small ${value === o.value ? 'choice--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          <span className="choice__name">{o.name}</span>
          {o.hint && <span className="choice__hint">{o.hint}</span>}
        </button>
      ))}
    </div>
  );
}

/** A labelled value with a 修改 button that opens its keypad or picker. */
export function FieldButton({
  label,
  value,
  onOpen,
  changeLabel,
}: {
  label: string;
  value: React.ReactNode;
  onOpen: () => void;
  changeLabel: string;
}) {
  return (
    <button type="button" className="req-field" onClick={onOpen}>
      <span className="req-field__label">{label}</span>
      <span className="req-field__value">{value}</span>
      <span className="req-field__change">✎ {changeLabel}</span>
    </button>
  );
}
