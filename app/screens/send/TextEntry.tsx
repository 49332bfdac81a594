import { useTranslation } from 'react-i18next';
import { PinyinKeyboard } from '../../components/PinyinKeyboard';

/** The most common surnames, as buttons: most villagers' names start with one of these. */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'];
/** What addresses below the county are made of, so an address is mostly taps. */
const ADDRESS_WORDS = ['镇', '乡', '村', '组', '街道', '路', '街', '号', '栋', '单元', '室', '小区', '-'];
const DIGITS = [...'1234567890'];

/**
 * A line of text typed on screen: chips for the common characters (surnames or address words), the
 * pinyin letter keyboard, and digits for house numbers. No input method is needed.
 */
export function TextEntry({
  label,
  value,
  onChange,
  hint,
  chips,
  maxLength,
}: {
  label: string;
  value: string;
  onChange: (next: string) => void;
  hint: string;
  chips: 'name' | 'address';
  maxLength: number;
}) {
  const { t } = useTranslation();
  const add = (s: string) => {
    if ((value + s).length <= maxLength) onChange(value + s);
  };
  return (
    <div className="send-text">
      <output className="send-text__display" aria-label={label} data-value={value}>
        {value || <span className="send-text__hint">{hint}</span>}
      </output>
      <div className="send-chips" role="group">
        {(chips === 'name' ? SURNAMES : ADDRESS_WORDS).map((c) => (
          <button key={c} type="button" className="send-chip" onClick={() => add(c)}>
            {c}
          </button>
        ))}
      </div>
      {chips === 'address' && (
        <div className="send-chips send-chips--digits" role="group">
          {DIGITS.map((d) => (
            <button key={d} type="button" className="send-chip" onClick={() => add(d)}>
              {d}
            </button>
          ))}
        </div>
      )}
      <PinyinKeyboard
        value={value}
        onChange={onChange}
        maxLength={maxLength}
        labels={{
          backspace: t('send.keyboard.backspace'),
          clear: t('send.keyboard.clear'),
          space: t('send.keyboard.space'),
        }}
      />
    </div>
  );
}
