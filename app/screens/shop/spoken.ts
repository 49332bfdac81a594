/**
 * Text for the ear and the eye that the shop screens share: amounts as a Chinese voice reads them
 * (¥192.50 would be read as symbols), and phone numbers grouped as people say them.
 */
import { formatFen } from '../../components/money';

/** 19250 → '192元5角', 1205 → '12元零5分', 30 → '3角'; English: '192.50 yuan'. Integer fen only. */
export function spokenFen(fen: number, lang: string): string {
  if (!lang.startsWith('zh')) return `${formatFen(fen, { symbol: false })} yuan`;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor((abs % 100) / 10);
  const fenPart = abs % 10;
  let text = yuan > 0 ? `${yuan}元` : '';
  if (jiao > 0) text += `${jiao}角`;
  else if (fenPart > 0 && yuan > 0) text += '零';
  if (fenPart > 0) text += `${fenPart}分`;
  return `${fen < 0 ? '负' : ''}${text || '0元'}`;
}

/** '13800138000' → '138 0013 8000', the way the number is read out and written down. */
export function groupPhone(phone: string): string {
  return [phone.slice(0, 3), phone.slice(3, 7), phone.slice(7)].filter(Boolean).join(' ');
}
