/** Lower-cased names with spaces, underscores, dots and hyphens removed, so "Customer ID" = "customer_id". */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_.\-]+/g, '');
}

const idNames = new Set(
  [
    'id', 'customerid', 'clientid', 'userid', 'accountid', 'memberid', 'custid', 'customerno', 'customernumber', 'customercode',
    'clientcode', 'idcliente', 'clienteid', 'codcliente', 'codigocliente', 'numerocliente', 'ид', 'идентификатор', 'idклиента',
    'кодклиента', 'номерклиента', 'клиент', 'sessionid', 'session',
  ].map(normalizeName),
);

export function isIdName(name: string): boolean {
  const raw = name.trim();
  return (
    idNames.has(normalizeName(raw)) ||
    /(^|[\s_.\-])id$/i.test(raw) ||
    /[a-z](ID|Id)$/.test(raw) ||
    /^id[\s_.\-]/i.test(raw) ||
    /^unnamed: \d+$/i.test(raw)
  );
}

/** Column names that hold a churn-like label, in English, Spanish, Russian and Portuguese. */
const targetNames = new Set(
  [
    'churn', 'churned', 'ischurn', 'churnflag', 'churnlabel', 'exited', 'attrition', 'attritionflag', 'left', 'target', 'label', 'y',
    'class', 'abandono', 'baja', 'fuga', 'cancelado', 'cancelou', 'evasao', 'evasão', 'rotatividade', 'objetivo', 'etiqueta', 'alvo',
    'rótulo', 'rotulo', 'отток', 'ушел', 'ушёл', 'таргет', 'целевой', 'целевойпризнак', 'метка', 'покупательскаяактивность',
  ].map(normalizeName),
);

export function isTargetName(name: string): boolean {
  return targetNames.has(normalizeName(name));
}

const consentNames = [
  'consent', 'marketingconsent', 'optin', 'emailoptin', 'allowcontact', 'allowmarketing', 'canbecontacted', 'contactallowed',
  'subscribed', 'разрешитьсообщать', 'согласие', 'согласиенарассылку', 'consentimiento', 'consentimento', 'permitecontato',
  'aceptapublicidad', 'aceitamarketing',
].map(normalizeName);

export function isConsentName(name: string): boolean {
  const n = normalizeName(name);
  return consentNames.includes(n) || n.includes('consent') || n.includes('optin') || n.includes('согласи') || n.startsWith('разрешить');
}

/** Yes/no spellings; the first of each pair is the "true" side. */
const truthy = new Set(['yes', 'y', 'true', 't', '1', 'si', 'sí', 'sim', 'да', 'д', 'oui', 'ja', 'on']);
const falsy = new Set(['no', 'n', 'false', 'f', '0', 'não', 'nao', 'нет', 'н', 'non', 'nein', 'off']);

/** When two values are a yes/no pair, the "yes" one; otherwise undefined. */
export function booleanPositive(values: readonly string[]): string | undefined {
  if (values.length !== 2) return undefined;
  const [a, b] = values.map((v) => v.trim().toLowerCase());
  if (truthy.has(a) && falsy.has(b)) return values[0];
  if (truthy.has(b) && falsy.has(a)) return values[1];
  return undefined;
}

/** Label values that mean "the customer left / is at risk" — the positive class of a target. */
const positiveLabels = new Set([
  'yes', 'y', 'true', '1', 'si', 'sí', 'sim', 'да', 'churn', 'churned', 'exited', 'left', 'attrited customer', 'attrited', 'снизилась',
  'ушел', 'ушёл', 'отток', 'abandono', 'baja', 'cancelado', 'cancelou', 'declined', 'decreased',
]);

export function isPositiveLabel(value: string): boolean {
  return positiveLabels.has(value.trim().toLowerCase());
}
