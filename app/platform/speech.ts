/**
 * Read-out of a screen's key facts for villagers who do not read well (speechSynthesis, zh-CN).
 * Terminals without a Chinese voice still get the default voice with lang set; without the API at
 * all the speaker button is hidden (canSpeak()).
 */
type SpeechWindow = Window & { SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance };

export function canSpeak(win: SpeechWindow = window): boolean {
  return 'speechSynthesis' in win && typeof win.SpeechSynthesisUtterance === 'function';
}

export function speak(text: string, lang: 'zh-CN' | 'en' = 'zh-CN', win: SpeechWindow = window): boolean {
  if (!canSpeak(win) || !win.SpeechSynthesisUtterance) return false;
  const synth = win.speechSynthesis;
  synth.cancel(); // a new tap replaces what is being read, it does not queue behind it
  const utterance = new win.SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = 0.9; // a little slower than default: many listeners are elderly
  const voice = synth
    .getVoices()
    .find((v) => v.lang.replace('_', '-').startsWith(lang === 'zh-CN' ? 'zh' : 'en'));
  if (voice) utterance.voice = voice;
  synth.speak(utterance);
  return true;
}
