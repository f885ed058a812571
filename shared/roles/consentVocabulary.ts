import { normalizeName } from './columnVocabulary';

/**
 * Names of consent columns in the languages the product writes (en/es/ru/pt), matched on the name
 * lower-cased with spaces, underscores, dots and hyphens removed. Opt-out names are tried first:
 * "unsubscribed" must never read as "subscribed".
 */
const optOutNames = [
  /optout/, /unsubscri/, /donot(contact|call|email|mail|disturb|message|sms|text)/, /^dnc$/, /^dnd$/, /nocontact/, /dontcontact/,
  /suppress/, /blacklist/, /blocklist/,
  /отказ/, /отписа/, /небеспокоить/, /незвонить/, /запрет(рассыл|контакт|звон)/,
  /nocontactar/, /nollamar/, /bajapublicidad/, /dadodebaja/, /darsedebaja/, /desuscri/,
  /descadastr/, /naocontatar/, /nãocontatar/, /naoperturbe/, /nãoperturbe/, /optoutmarketing/,
];
const optInNames = [
  /consent/, /optin/, /allow(contact|marketing|messages?|email|emails|sms|push|notifications?|promo)/, /accepts?(marketing|email|sms|promo|contact)/,
  /marketing(ok|allowed|permission|consent|optin|agreed?)/, /^(is|has)?subscribed$/, /^(email|sms|push|newsletter)subscri/, /newslettersubscri/,
  /canbecontacted/, /contactallowed/, /contactable/, /okto(contact|email|text|call)/, /(email|sms|push|marketing)permission/, /permissiontocontact/,
  /разреш/, /соглас/, /подписаннарассылк/, /рассылкаразреш/,
  /consentimiento/, /aceptapublicidad/, /aceptacomunicaciones/, /autoriza(contacto|comunicaciones|publicidad|marketing)/, /suscrito/,
  /consentimento/, /aceitamarketing/, /aceitacomunicac/, /permitecontato/, /autorizacontato/, /inscrito/,
];
/** Words that make a yes/no column look like contact permission without saying so clearly. */
const weakNames = [/marketing/, /newsletter/, /promo/, /mailing/, /contact/, /communicat/, /рассылк/, /реклам/, /publicidad/, /comunica/, /propaganda/];

export type ConsentNameMatch = { polarity: 'opt-in' | 'opt-out'; strength: 'clear' | 'weak' } | undefined;

export function consentNameMatch(name: string): ConsentNameMatch {
  const n = normalizeName(name);
  if (optOutNames.some((re) => re.test(n))) return { polarity: 'opt-out', strength: 'clear' };
  if (optInNames.some((re) => re.test(n))) return { polarity: 'opt-in', strength: 'clear' };
  if (weakNames.some((re) => re.test(n))) return { polarity: 'opt-in', strength: 'weak' };
  return undefined;
}

/** The channel a consent column is about, from its name. */
export function consentChannel(name: string): 'email' | 'sms' | 'push' | undefined {
  const n = normalizeName(name);
  if (/e?mail|correo|почт|newsletter/.test(n)) return 'email';
  if (/sms|text(message)?s?$|смс|mensajedetexto|whatsapp/.test(n)) return 'sms';
  if (/push|notification|уведомлен|notifica/.test(n)) return 'push';
  return undefined;
}

/** Cell values read as yes and as no (trimmed, lower-cased); anything else is unreadable. */
export const yesValues = new Set([
  'true', 't', '1', '1.0', 'y', 'yes', 'si', 'sí', 'sim', 'да', 'д', 'oui', 'ja', 'on', 'x', '+',
  'opted_in', 'opted in', 'opt-in', 'opt in', 'optin', 'subscribed', 'allowed', 'granted', 'accepted', 'consented', 'agree', 'agreed',
  'подписан', 'согласен', 'согласна', 'разрешено', 'suscrito', 'aceptado', 'inscrito', 'aceito', 'autorizado', 'permitido',
]);
export const noValues = new Set([
  'false', 'f', '0', '0.0', 'n', 'no', 'não', 'nao', 'нет', 'н', 'non', 'nein', 'off', '-',
  'opted_out', 'opted out', 'opt-out', 'opt out', 'optout', 'unsubscribed', 'denied', 'refused', 'declined', 'revoked', 'withdrawn',
  'отписан', 'отказ', 'не согласен', 'запрещено', 'rechazado', 'baja', 'recusado', 'negado',
]);

/** 1 = yes, 0 = no, NaN = cannot be read, for one cell of a consent column. */
export function readYesNo(cell: string | number | null, yes: ReadonlySet<string> = yesValues, no: ReadonlySet<string> = noValues): number {
  if (cell === null) return NaN;
  const text = (typeof cell === 'number' ? (Number.isNaN(cell) ? '' : String(cell)) : cell).trim().toLowerCase();
  if (text === '') return NaN;
  if (yes.has(text)) return 1;
  if (no.has(text)) return 0;
  return NaN;
}
