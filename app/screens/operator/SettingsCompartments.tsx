import { useTranslation } from 'react-i18next';
import type { CompartmentSetting } from '../../../kiosk-shell/api';
import { BigButton } from '../../components/BigButton';

/** One editable row; numbers stay text until saved so a half-typed "1" → "12" is not rejected mid-way. */
export interface CompartmentRow {
  id: string;
  board: string;
  lock: string;
  size: CompartmentSetting['size'];
  disabled: boolean;
}

export const toRow = (c: CompartmentSetting): CompartmentRow => ({
  ...c,
  board: String(c.board),
  lock: String(c.lock),
});

/** The next row a technician most likely adds: the next lock on the last row's board. */
export function nextRow(rows: readonly CompartmentRow[]): CompartmentRow {
  const last = rows[rows.length - 1];
  if (!last) return { id: 'A01', board: '1', lock: '1', size: 'M', disabled: false };
  const lock = Number(last.lock) + 1;
  const m = /^([A-Za-z-]*)(\d+)$/.exec(last.id);
  const id = m ? `${m[1]}${String(Number(m[2]) + 1).padStart(m[2]!.length, '0')}` : '';
  return {
    id,
    board: last.board,
    lock: Number.isInteger(lock) ? String(lock) : '',
    size: last.size,
    disabled: false,
  };
}

/** The compartment map (格口表): which board and lock open which compartment, and its size. */
export function SettingsCompartments({
  rows,
  onChange,
  onFocusCell,
}: {
  rows: readonly CompartmentRow[];
  onChange: (rows: CompartmentRow[]) => void;
  /** A text cell was tapped: the on-screen keypad types into it. */
  onFocusCell?: (row: number, col: 'id' | 'board' | 'lock') => void;
}) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<CompartmentRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="settings-field">
      <span id="settings-compartments">{t('settings.compartments')}</span>
      {rows.length === 0 ? (
        <p className="settings-field__hint">{t('settings.compartmentsEmpty')}</p>
      ) : (
        <table className="compartment-table" aria-labelledby="settings-compartments">
          <thead>
            <tr>
              <th>{t('settings.column.id')}</th>
              <th>{t('settings.column.board')}</th>
              <th>{t('settings.column.lock')}</th>
              <th>{t('settings.column.size')}</th>
              <th>{t('settings.column.disabled')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} data-row={i + 1}>
                <td>
                  <input
                    className="text-field text-field--short"
                    aria-label={`${t('settings.column.id')} ${i + 1}`}
                    value={row.id}
                    maxLength={16}
                    onFocus={() => onFocusCell?.(i, 'id')}
                    onChange={(e) => update(i, { id: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="text-field text-field--short"
                    inputMode="numeric"
                    aria-label={`${t('settings.column.board')} ${i + 1}`}
                    value={row.board}
                    onFocus={() => onFocusCell?.(i, 'board')}
                    onChange={(e) => update(i, { board: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="text-field text-field--short"
                    inputMode="numeric"
                    aria-label={`${t('settings.column.lock')} ${i + 1}`}
                    value={row.lock}
                    onFocus={() => onFocusCell?.(i, 'lock')}
                    onChange={(e) => update(i, { lock: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${t('settings.column.size')} ${i + 1}`}
                    value={row.size}
                    onChange={(e) => update(i, { size: e.target.value as CompartmentRow['size'] })}
                  >
                    {(['S', 'M', 'L'] as const).map((s) => (
                      <option key={s} value={s}>
                        {t(`settings.sizes.${s}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('settings.column.disabled')} ${i + 1}`}
                    checked={row.disabled}
                    onChange={(e) => update(i, { disabled: e.target.checked })}
                  />
                </td>
                <td>
                  <BigButton
                    variant="quiet"
                    aria-label={t('settings.removeRow', { id: row.id || i + 1 })}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    ✕
                  </BigButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div>
        <BigButton variant="secondary" onClick={() => onChange([...rows, nextRow(rows)])}>
          {t('settings.addRow')}
        </BigButton>
      </div>
    </div>
  );
}
