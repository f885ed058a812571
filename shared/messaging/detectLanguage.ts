/** The languages the output check can tell apart (and the writers can write). */
export const supportedLanguages = ['en', 'es', 'ru', 'pt'] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

const stopwords: Record<Exclude<SupportedLanguage, 'ru'>, Set<string>> = {
  en: new Set('the you your we and to for our with is it of us are be this that in on at what new here have has just there thanks thank hi hello'.split(' ')),
  es: new Set('el la los las de que y te tu tus para con nos por es un una lo del al en hay más gracias hola está estás nuestro nuestra aquí ti'.split(' ')),
  pt: new Set('o os as de que e você seu sua para com nos por é um uma do da dos das no na em há mais obrigado olá está nosso nossa aqui não'.split(' ')),
};

/**
 * The language a message is written in, from its script and its commonest words: Cyrillic is
 * Russian; Latin text goes to whichever of English, Spanish and Portuguese has the most of its own
 * function words (with ñ ¿ ¡ for Spanish, ã õ ç for Portuguese). `undefined` when the text gives no
 * sign (a greeting and a keyword), so a short text is not refused for what it cannot show.
 */
export function detectLanguage(text: string): SupportedLanguage | undefined {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return undefined;
  const cyrillic = letters.filter((c) => /\p{Script=Cyrillic}/u.test(c)).length;
  if (cyrillic / letters.length > 0.5) return 'ru';
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const score = { en: 0, es: 0, pt: 0 };
  for (const w of words) for (const lang of ['en', 'es', 'pt'] as const) if (stopwords[lang].has(w)) score[lang]++;
  if (/[ñ¿¡]/iu.test(text)) score.es += 2;
  if (/[ãõç]|ções|ção/iu.test(text)) score.pt += 2;
  const best = (Object.entries(score) as [SupportedLanguage, number][]).sort((a, b) => b[1] - a[1]);
  if (best[0]![1] === 0 || best[0]![1] === best[1]![1]) return undefined;
  return best[0]![0];
}

/** Whether a writer may write in a language. */
export function isSupportedLanguage(language: string): language is SupportedLanguage {
  return (supportedLanguages as readonly string[]).includes(language.split('-')[0]!.toLowerCase());
}
