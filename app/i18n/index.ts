/**
 * i18n: zh-CN by default, English on request. All user-facing text goes through `t()`.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN';
import { en } from './en';

export type Locale = 'zh-CN' | 'en';

export function createI18n(locale: Locale = 'zh-CN'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  return instance;
}
