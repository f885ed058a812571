/**
 * Whether a cell value may be shown to a customer as a word of the data's domain (a category such as
 * "Косметика и аксессуары" or "Fiber optic"): letters in the message's script, spaces, hyphens and
 * a few joining signs, at most five words and 40 characters, and nothing that reads like markup, a
 * formula, a link or an instruction. Anything else is never quoted.
 */
export function isPlainDomainWord(value: string, language: string): boolean {
  const text = value.trim();
  if (text.length < 2 || text.length > 40) return false;
  if (!/^[\p{L}][\p{L} '’&,-]*$/u.test(text)) return false;
  if (text.split(/\s+/).length > 5) return false;
  if (instructionLike.test(text)) return false;
  const cyrillic = /\p{Script=Cyrillic}/u.test(text);
  const latin = /\p{Script=Latin}/u.test(text);
  if (cyrillic && latin) return false;
  return language === 'ru' ? cyrillic : latin;
}

const instructionLike =
  /\b(ignore|disregard|instruction|prompt|system|assistant|http|www|click|ignora|instrucci|ignore as|instruç|sistema)\b|игнор|инструкц|систем|промпт/iu;
