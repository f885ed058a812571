import type { PhraseLanguage } from './describeFeature';
import type { Tone } from './types';

/** How the embedded writer speaks: its register and whether it may exclaim. */
export interface Voice {
  register: 'friendly' | 'formal' | 'playful' | 'urgent';
  exclamations: boolean;
}

/**
 * The voice of a request: its tone, overridden by what the brand voice (settings or request) says in
 * any of the four languages ("formal", "usted", "официально", "descontraído", "no exclamation marks").
 */
export function voiceOf(tone: Tone, brandVoice: string | undefined): Voice {
  const words = (brandVoice ?? '').toLowerCase();
  let register: Voice['register'] = tone;
  if (/formal|polite|courteous|respectful|usted|cort[eé]s|respetuos|respeitos|cordial|официальн|вежлив|деловой|строг/u.test(words)) register = 'formal';
  else if (/playful|fun\b|cheeky|witty|divertid|juguet|desenfad|descontra[ií]d|brincalh|игрив|весел|шутлив|задор/u.test(words)) register = 'playful';
  else if (/friendly|warm|casual|cercan|amable|amig[aá]vel|caloros|дружелюб|тепл/u.test(words)) register = 'friendly';
  const calm = /no exclamation|without exclamation|sin exclamaci|sem exclama|без восклиц|calm|sober|sobri|sóbri|сдержан|спокой/u.test(words);
  return { register, exclamations: !calm && register !== 'formal' };
}

/** A sentence of the embedded writer in the voice: formal address per language, and no exclamations when the voice has none. */
export function speak(sentence: string, language: PhraseLanguage, voice: Voice): string {
  let out = sentence;
  if (voice.register === 'formal') out = formal[language](out);
  if (!voice.exclamations) out = out.replace(/¡/g, '').replace(/!/g, '.').replace(/\.\.+/g, '.');
  return out;
}

/** English has no formal "you": formal writing spells contractions out. */
const contractions: [RegExp, string][] = [
  // "It's been" is "it has been"; every other "it's" of the phrasebook is "it is".
  [/\b([Ii])t's been\b/g, '$1t has been'],
  [/\b([Ii])t's\b/g, '$1t is'],
  [/\b([Tt])here's\b/g, '$1here is'],
  [/\b([Tt])hat's\b/g, '$1hat is'],
  [/\b([Ww])hat's\b/g, '$1hat is'],
  [/\b([Ww])e've\b/g, '$1e have'],
  [/\b([Yy])ou've\b/g, '$1ou have'],
  [/\b([Ww])e're\b/g, '$1e are'],
  [/\b([Yy])ou're\b/g, '$1ou are'],
  [/\b([Ww])e'll\b/g, '$1e will'],
  [/\b([Yy])ou'll\b/g, '$1ou will'],
  [/\b([Ww])e'd\b/g, '$1e would'],
  [/\b([Hh])aven't\b/g, '$1ave not'],
  [/\b([Dd])idn't\b/g, '$1id not'],
  [/\b([Dd])on't\b/g, '$1o not'],
  [/\b([Ii])sn't\b/g, '$1s not'],
];

/**
 * Spanish formal address (usted) for the phrasebook's informal (tú) words, whole words only; each
 * pair was read against the sentences it changes (tests pin the results).
 */
const ustedWords: Record<string, string> = {
  te: 'le', ti: 'usted', tu: 'su', tus: 'sus', contigo: 'con usted',
  tienes: 'tiene', estás: 'está', eres: 'es', acabas: 'acaba', haces: 'hace', visitas: 'visita', has: 'ha', imaginas: 'imagina', necesitas: 'necesita',
  sigas: 'siga', tengas: 'tenga', necesites: 'necesite', quieras: 'quiera', disfrutes: 'disfrute', irte: 'irle',
  vuelve: 'vuelva', disfruta: 'disfrute', descubre: 'descubra', mira: 'vea', echa: 'eche', entra: 'entre', pásate: 'pase', pasa: 'pase', ven: 'venga', cuenta: 'cuente', míralo: 'véalo', échale: 'échele', esperes: 'espere', anímate: 'anímese',
  verte: 'verle', saludarte: 'saludarle', ayudarte: 'ayudarle', agradecerte: 'agradecerle', esperándote: 'esperándole', tenerte: 'tenerle',
};

function usted(sentence: string): string {
  return sentence.replace(/\p{L}+/gu, (word) => {
    const formalWord = ustedWords[word.toLowerCase()];
    if (formalWord === undefined) return word;
    return /^\p{Lu}/u.test(word) ? formalWord[0]!.toUpperCase() + formalWord.slice(1) : formalWord;
  });
}

/** Russian formal writing capitalises the pronoun of address (Вы, Вас, Вам, Ваш…). */
function capitalVy(sentence: string): string {
  return sentence.replace(/(?<!\p{L})(вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|вашими|ваших|вашу)(?!\p{L})/gu, (w) => w[0]!.toUpperCase() + w.slice(1));
}

/** Portuguese "você" serves both registers; the formal one avoids the colloquial "a gente". */
function formalPt(sentence: string): string {
  return sentence
    .replace(/escolher a gente/g, 'nos escolher')
    .replace(/com a gente/g, 'conosco')
    .replace(/(?<!\p{L})Vem(?!\p{L})/gu, 'Venha')
    .replace(/(?<!\p{L})Oi!/gu, 'Olá,');
}

const formal: Record<PhraseLanguage, (s: string) => string> = {
  en: (s) => contractions.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), s),
  es: usted,
  ru: capitalVy,
  pt: formalPt,
};
