import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canSpeak, speak } from '../../platform/speech';

/**
 * The speaker button: reads the screen's key facts aloud. Hidden where the terminal cannot speak.
 * `text` may be a function, read at the tap, for screens whose messages change while they are shown.
 */
export function SpeakButton({ text }: { text: string | (() => string) }) {
  const { t, i18n } = useTranslation();
  if (!canSpeak()) return null;
  return (
    <button
      type="button"
      className="speak-button"
      onClick={() =>
        speak(typeof text === 'function' ? text() : text, i18n.language === 'en' ? 'en' : 'zh-CN')
      }
    >
      <svg width="40" height="40" viewBox="0 0 48 48" aria-hidden="true">
        <path
          d="M6 18v12h8l12 10V8L14 18zm26-2a10 10 0 0 1 0 16m5-22a18 18 0 0 1 0 28"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {t('shop.speak')}
    </button>
  );
}

/** A view's heading with the speaker button beside it, in the same place on every shop screen. */
export function ShopTitle({ title, say, children }: { title: string; say: string; children?: ReactNode }) {
  return (
    <div className="shop-title">
      <h1>{title}</h1>
      {children}
      <SpeakButton text={say} />
    </div>
  );
}
