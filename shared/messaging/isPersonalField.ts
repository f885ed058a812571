import { memoize } from './memoize';

/**
 * Whether a column name looks like it holds personal data (names, contacts, addresses, ids,
 * documents, birth dates) in English, Russian, Spanish or Portuguese. Such columns never reach a
 * prompt, whatever an allow-list says.
 */
export const isPersonalField = memoize((column: string): boolean => {
  const name = normalizeFieldName(column);
  // Counts of things ("NumberOfAddress", "кол_во_адресов") describe behaviour, not a person.
  if (/^(number_of|num|count|n|total|кол_во|количество)_/.test(name)) return false;
  return personalFieldPatterns.some((p) => p.test(name));
});

/** "CustomerID" → "customer_id", "E-mail адрес" → "e_mail_адрес". */
export const normalizeFieldName = memoize((column: string): string =>
  column
    .normalize('NFC')
    .replace(/([\p{Ll}\p{Nd}])(\p{Lu})/gu, '$1_$2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, ''),
);

// Token-bounded so that "PreferredLoginDevice" or "CityTier" stay usable features.
const personalFieldPatterns: RegExp[] = [
  /^(first|last|full|sur|given|family|middle|maiden|customer|client|contact|user|account|holder|display|nick)?_?name$/,
  /(^|_)(firstname|lastname|surname|fullname|nickname)(_|$)/,
  /(^|_)e_?mail(_|$)|email/,
  /(^|_)(phone|telephone|tel|mobile|cell|cellphone|msisdn|fax|whatsapp|telegram)(_|$)|phone/,
  /(^|_)(address|street|zip|zipcode|postcode|postal|house|apartment)(_|$)/,
  /(^|_)(id|uuid|guid)$/,
  /^(row_?id|login|username|user_name|password|passwd)$/,
  /(^|_)(iban|ssn|passport|tax_id|card_number|credit_card_number|cvv|national_id|driver_license)(_|$)/,
  /(^|_)(dob|birth|birthday|birthdate|date_of_birth)(_|$)/,
  /(^|_)(ip|ip_address|mac_address|device_id|cookie)(_|$)/,
  /(^|_)(latitude|longitude|lat|lon|lng|geo|gps)(_|$)/,
  // Russian
  /(^|_)(имя|фамилия|отчество|фио|ник|логин|пароль)(_|$)/,
  /почт|телефон|мобильн|адрес|паспорт|снилс|рожден|индекс_почт|(^|_)(инн|тел|моб)(_|$)/,
  // Spanish and Portuguese
  /(^|_)(nombre|apellidos?|correo|tel[eé]fono|telefone|celular|m[oó]vil|direcci[oó]n|endere[cç]o|dni|nie|nif|cpf|rg|cep|c[oó]digo_postal|nascimento|nacimiento|sobrenome|nome)(_|$)/,
];
