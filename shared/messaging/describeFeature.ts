import { normalizeFieldName } from './isPersonalField';
import { memoize } from './memoize';

/** What a feature is about, as far as a customer-facing message is concerned. */
export type FeatureTheme =
  | 'recency'
  | 'frequency'
  | 'spend'
  | 'tenure'
  | 'promo'
  | 'service'
  | 'engagement'
  | 'cart'
  | 'satisfaction'
  | 'contract'
  | 'marketing'
  | 'category';

export type PhraseLanguage = 'en' | 'es' | 'ru' | 'pt';

export interface FeatureMeaning {
  theme?: FeatureTheme;
  /** Which side of the feature goes with leaving: "high" for days since the last order, "low" for tenure. */
  riskySide?: 'high' | 'low';
  /** The column part of a one-hot feature ("Contract=Month-to-month" → "Contract"). */
  column: string;
  /** The category part of a one-hot feature, if any. */
  level?: string;
}

interface PhraseEntry {
  pattern: RegExp;
  theme: FeatureTheme;
  riskySide?: 'high' | 'low';
  phrase: Record<PhraseLanguage, string>;
}

// Matched in order against the normalized name (lower-case, "_" between words); the first hit wins,
// so specific entries (promo purchases) come before broad ones (purchases).
const phraseTable: PhraseEntry[] = [
  {
    pattern: /day_?s?_since|since_last|recency|давност|дней_с_/,
    theme: 'recency',
    riskySide: 'high',
    phrase: { en: 'time since your last order', es: 'el tiempo desde tu último pedido', ru: 'время с последнего заказа', pt: 'o tempo desde o seu último pedido' },
  },
  {
    pattern: /акцион|promo|coupon|купон|discount|скидк|cashback|кэшбэк|кешбек/,
    theme: 'promo',
    phrase: { en: 'deals and promotions', es: 'las ofertas y promociones', ru: 'акции и скидки', pt: 'as ofertas e promoções' },
  },
  {
    pattern: /неоплач|unpaid|cart|basket|корзин|abandon/,
    theme: 'cart',
    riskySide: 'high',
    phrase: { en: 'items left in your cart', es: 'los productos en tu carrito', ru: 'товары в корзине', pt: 'os produtos no seu carrinho' },
  },
  {
    pattern: /ошибк|error|complain|жалоб|incident|ticket|outage|сбо[ий]/,
    theme: 'service',
    riskySide: 'high',
    phrase: { en: 'service issues', es: 'los problemas con el servicio', ru: 'сбои сервиса', pt: 'os problemas com o serviço' },
  },
  {
    pattern: /tech_?support|online_?security|device_?protection|support|поддержк/,
    theme: 'service',
    riskySide: 'low',
    phrase: { en: 'help from our support team', es: 'la ayuda de nuestro equipo de soporte', ru: 'помощь поддержки', pt: 'a ajuda da nossa equipe de suporte' },
  },
  {
    pattern: /satisf|удовлетвор|rating|nps|review|оценк/,
    theme: 'satisfaction',
    riskySide: 'low',
    phrase: { en: 'how happy you are with us', es: 'tu satisfacción con nosotros', ru: 'ваша удовлетворённость', pt: 'a sua satisfação conosco' },
  },
  {
    pattern: /маркет_актив|marketing|campaign|(^|_)contacts?(_|$)|touches|emails_sent|(^|_)pdays(_|$)|(^|_)previous(_|$)/,
    theme: 'marketing',
    phrase: { en: 'how often we get in touch', es: 'la frecuencia con la que te escribimos', ru: 'частота наших рассылок', pt: 'a frequência com que entramos em contato' },
  },
  {
    pattern: /tenure|длительност|months_with|member_since|customer_since|registration|регистрац|стаж/,
    theme: 'tenure',
    riskySide: 'low',
    phrase: { en: 'how long you have been with us', es: 'el tiempo que llevas con nosotros', ru: 'время с нами', pt: 'o tempo que você está conosco' },
  },
  {
    pattern: /contract|subscription|тариф|договор|тип_сервиса|service_type|(^|_)plan(_|$)|paperless|payment_method/,
    theme: 'contract',
    phrase: { en: 'your plan', es: 'tu plan', ru: 'ваш тариф', pt: 'o seu plano' },
  },
  {
    pattern: /страниц|pages|минут|minutes|hour_?spend|time_on|session|visits?(_|$)|визит|просмотр|views|(^|_)app(_|$)/,
    theme: 'engagement',
    riskySide: 'low',
    phrase: { en: 'your time with us online', es: 'tu tiempo en nuestra tienda online', ru: 'время на сайте', pt: 'o seu tempo na nossa loja online' },
  },
  {
    pattern: /categor|категори|order_cat|product_type/,
    theme: 'category',
    phrase: { en: 'your favourite category', es: 'tu categoría favorita', ru: 'любимая категория', pt: 'a sua categoria favorita' },
  },
  {
    pattern: /order_?count|orders|frequency|(^|_)purchases?(_|$)|покуп|заказ|transactions|invoices|quantity/,
    theme: 'frequency',
    riskySide: 'low',
    phrase: { en: 'how often you order', es: 'la frecuencia de tus pedidos', ru: 'частота заказов', pt: 'a frequência dos seus pedidos' },
  },
  {
    pattern: /spend|monetary|revenue|amount|charges|выручк|прибыл|сумм|(^|_)чек(_|$)|balance|price|(^|_)value(_|$)|hike|income|доход/,
    theme: 'spend',
    riskySide: 'low',
    phrase: { en: 'your spending with us', es: 'tus compras con nosotros', ru: 'ваши покупки у нас', pt: 'as suas compras conosco' },
  },
];

/**
 * A natural phrase for a feature name in a language, from a small phrase table, else a readable
 * form of the name ("days_since_last_order" → "time since your last order",
 * "Маркет_актив_6_мес" → "частота наших рассылок", "WarehouseToHome" → "warehouse to home").
 */
export function describeFeature(feature: string, language: string): string {
  return describeFeatureIn[phraseLanguage(language)](feature);
}

const describeFeatureIn: Record<PhraseLanguage, (feature: string) => string> = {
  en: memoize((f) => describeUncached(f, 'en')),
  es: memoize((f) => describeUncached(f, 'es')),
  ru: memoize((f) => describeUncached(f, 'ru')),
  pt: memoize((f) => describeUncached(f, 'pt')),
};

function describeUncached(feature: string, lang: PhraseLanguage): string {
  const { column, level } = splitOneHot(feature);
  const entry = findEntry(column);
  if (entry) return entry.phrase[lang];
  const readable = humanizeName(column);
  return level ? `${readable}: ${level}` : readable;
}

/** The theme and risky side of a feature, for choosing what a message talks about. */
export const classifyFeature = memoize(classifyUncached);

function classifyUncached(feature: string): FeatureMeaning {
  const { column, level } = splitOneHot(feature);
  const entry = findEntry(column);
  let riskySide = entry?.riskySide;
  // A contract level such as "Month-to-month" is the risky one; long contracts are not.
  if (entry?.theme === 'contract' && level) riskySide = /month|месяч|mensual|mensal/i.test(level) ? 'high' : 'low';
  return { theme: entry?.theme, riskySide, column, ...(level ? { level } : {}) };
}

/** "en-GB" → "en"; languages without a phrase table read in English. */
export function phraseLanguage(language: string): PhraseLanguage {
  const primary = language.toLowerCase().split('-')[0];
  return primary === 'es' || primary === 'ru' || primary === 'pt' ? primary : 'en';
}

function findEntry(column: string): PhraseEntry | undefined {
  const name = normalizeFieldName(column);
  return phraseTable.find((e) => e.pattern.test(name));
}

// One-hot encoders name their columns "column=level" (or "column_level" when the level has no "=").
function splitOneHot(feature: string): { column: string; level?: string } {
  const eq = feature.indexOf('=');
  if (eq > 0) return { column: feature.slice(0, eq), level: feature.slice(eq + 1) };
  return { column: feature };
}

const abbreviations: Record<string, string> = {
  num: 'number',
  no: 'number',
  avg: 'average',
  qty: 'quantity',
  amt: 'amount',
  cnt: 'count',
  pct: 'percent',
  mo: 'months',
  mon: 'months',
  yr: 'years',
  tot: 'total',
  мес: 'месяцев',
  тек: 'текущий',
  пред: 'предыдущий',
  кв: 'квартал',
  кол: 'количество',
  ср: 'среднее',
};

function humanizeName(column: string): string {
  const words = normalizeFieldName(column)
    .replace(/(^|_)тек_мес(_|$)/, '$1текущий_месяц$2')
    .replace(/(^|_)пред_мес(_|$)/, '$1предыдущий_месяц$2')
    .split('_')
    .filter((w) => w !== '')
    .map((w) => abbreviations[w] ?? w);
  return words.join(' ');
}
