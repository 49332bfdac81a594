import { useTranslation } from 'react-i18next';
import type { CameraLabels } from '../../components/CameraCapture';
import type { DatePickerLabels } from '../../components/DatePicker';

/** The camera and date picker speak through the `requests` namespace. */
export function usePickerLabels(): { camera: CameraLabels; date: DatePickerLabels; locale: string } {
  const { t, i18n } = useTranslation();
  return {
    camera: {
      take: t('requests.camera.take'),
      retake: t('requests.camera.retake'),
      taken: t('requests.camera.taken'),
      shoot: t('requests.camera.shoot'),
      remove: t('requests.camera.remove'),
      title: t('requests.camera.title'),
      failed: t('requests.camera.failed'),
      cancel: t('requests.cancel'),
    },
    date: {
      relative: {
        0: t('requests.date.today'),
        1: t('requests.date.tomorrow'),
        2: t('requests.date.dayAfter'),
        [-1]: t('requests.date.yesterday'),
      },
      earlier: t('requests.date.earlier'),
      later: t('requests.date.later'),
      pick: t('requests.date.pick'),
    },
    locale: i18n.language === 'en' ? 'en-GB' : 'zh-CN',
  };
}

/** '2026-11-28' → '11月28日 周六' / 'Sat 28 November', for lists and read-outs. */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y!, m! - 1, d);
  return new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', weekday: 'short' }).format(date);
}

/** An ISO time → '12月1日 07:30' in the kiosk's own zone. */
export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
