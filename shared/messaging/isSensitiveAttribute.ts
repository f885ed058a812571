import { normalizeFieldName } from './isPersonalField';

/**
 * Attributes that must never reach a model or choose a message's words (gender, age and seniority,
 * marital and family status, ethnicity, religion, health, income), by column name and by value, in
 * English, Spanish, Russian and Portuguese. Names are matched as whole words or word stems of the
 * normalized name, so "пол" (sex) does not catch "полный" (full).
 */
const sensitiveNameStems = [
  // en
  'gender', 'sex', 'senior', 'age', 'aged', 'birth', 'dob', 'partner', 'spouse', 'married', 'marital', 'dependent', 'dependents',
  'child', 'children', 'kids', 'family', 'household', 'ethnic', 'ethnicity', 'race!', 'racial', 'nationality', 'religion',
  'religious', 'health', 'disability', 'disabled', 'pregnan', 'medical', 'income', 'salary', 'wage',
  // es
  'genero', 'sexo', 'edad', 'jubilado', 'pareja', 'casado', 'conyuge', 'estado_civil', 'hijos', 'familia', 'etnia',
  'raza', 'nacionalidad', 'religion', 'salud', 'discapacidad', 'ingresos', 'salario', 'sueldo',
  // pt
  'idade', 'idoso', 'aposentado', 'parceiro', 'conjuge', 'filhos', 'familia', 'raca', 'religiao', 'saude', 'deficiencia',
  'renda', 'rendimento',
  // ru
  'пол', 'гендер', 'возраст', 'пенсион', 'пожил', 'семейн', 'семья', 'брак!', 'супруг', 'партнер', 'партнёр', 'дети', 'детей',
  'иждивен', 'этнич', 'национальн', 'раса', 'религи', 'вероисповед', 'здоров', 'инвалид', 'беремен', 'доход', 'зарплат',
];

// Stems of four letters or more also match the start of a word; shorter ones, and those marked "!", whole words only.
const stemPattern = new RegExp(
  `(^|_)(${sensitiveNameStems
    .map((s) => s.normalize('NFD').replace(/\p{M}/gu, ''))
    .map((s) => (s.endsWith('!') ? s.slice(0, -1) : s.length >= 4 ? `${s}\\p{L}*` : s))
    .join('|')})(_|$)`,
  'u',
);

const sensitiveValues = new Set(
  [
    'male', 'female', 'man', 'woman', 'non-binary', 'married', 'single', 'divorced', 'widowed', 'pensioner', 'retired',
    'hombre', 'mujer', 'masculino', 'femenino', 'casado', 'casada', 'soltero', 'soltera', 'divorciado', 'viudo', 'jubilado',
    'feminino', 'solteiro', 'solteira', 'viúvo', 'aposentado', 'mulher', 'homem',
    'мужской', 'женский', 'мужчина', 'женщина', 'м', 'ж', 'женат', 'замужем', 'холост', 'не замужем', 'разведен', 'разведена', 'пенсионер',
  ].map((v) => v.toLowerCase()),
);

/** Extra names from a setting (comma-separated), matched like the built-in ones. */
export function sensitiveMatcher(extra: readonly string[] = []): (column: string, value?: unknown) => boolean {
  const extraNames = extra.map((e) => unaccent(normalizeFieldName(e))).filter((e) => e !== '');
  return (column, value) => {
    const [rawBase, rawLevel] = splitLevel(column);
    const base = unaccent(normalizeFieldName(rawBase));
    const level = rawLevel?.trim().toLowerCase();
    if (stemPattern.test(base) || extraNames.some((e) => base === e || base.includes(e))) return true;
    if (level !== undefined && sensitiveValues.has(level)) return true;
    return typeof value === 'string' && sensitiveValues.has(value.trim().toLowerCase());
  };
}

/** The built-in list only. */
export const isSensitiveAttribute = sensitiveMatcher();

function splitLevel(name: string): [string, string | undefined] {
  const at = name.indexOf('=');
  return at < 0 ? [name, undefined] : [name.slice(0, at), name.slice(at + 1)];
}

function unaccent(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}
