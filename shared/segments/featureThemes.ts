/** What a feature says about a customer in business terms. */
export type ThemeId = 'discount' | 'issues' | 'categories' | 'contacts' | 'engagement' | 'tenure' | 'recency' | 'frequency' | 'spend' | 'age' | 'satisfaction';

/** The business dimension a theme belongs to: what a name or an action may speak of. */
export type ThemeKind = 'value' | 'activity' | 'tenure' | 'risk' | 'channel' | 'category';

export interface FeatureTheme {
  id: ThemeId;
  kind: ThemeKind;
  /** Matched against the column name (and its display label), any of the four languages. */
  re: RegExp;
  /** Whether a higher value means more activity (recency counts days away: higher is less active). */
  activity?: 1 | -1;
}

// Most specific first: "Акционные_покупки" is about promotions before it is about purchases.
export const featureThemes: FeatureTheme[] = [
  { id: 'discount', kind: 'value', re: /promo|discount|coupon|cashback|sale|акци|скидк|descuent|cup[oó]n|cupom|desconto|oferta/i },
  { id: 'issues', kind: 'risk', re: /complain|error|ошибк|unpaid|неоплач|support|ticket|жалоб|queja|reclam|incid/i },
  { id: 'satisfaction', kind: 'risk', re: /satisf|удовлетвор|оценк|satisfac/i },
  { id: 'categories', kind: 'category', re: /categor|категор/i },
  { id: 'contacts', kind: 'channel', re: /campaign|contacts?\b|previous|звонк|касани|контакт|rassyl|рассыл|contato|llamad/i },
  { id: 'engagement', kind: 'activity', re: /minut|hour|visit|page|session|view|просмотр|минут|страниц|визит|engage|login|app_?use|visita|p[aá]gina|sess[aã]o/i, activity: 1 },
  { id: 'tenure', kind: 'tenure', re: /tenure|длительн|стаж|months_?(as|with)|age_?days|since_?signup|antig[uü]edad|tempo_?de_?casa/i },
  { id: 'recency', kind: 'activity', re: /recen|days?_?since|daysincelast|last_?(order|purchase|visit)|давност|дней_?с|d[ií]as_?desde|dias_?desde/i, activity: -1 },
  { id: 'frequency', kind: 'activity', re: /order|frequen|purchase|invoice|transaction|покуп|заказ|compra|pedido/i, activity: 1 },
  { id: 'spend', kind: 'value', re: /spend|revenue|charge|amount|выручк|прибыл|monetary|value|balance|income|salary|^history$|сумм|доход|gasto|ingreso|receita|saldo|valor/i },
  { id: 'age', kind: 'tenure', re: /^age$|^edad$|^idade$|возраст/i },
];

/**
 * The theme of a feature, or undefined. One-hot columns ("Contract=Two year") name a category, not a
 * quantity, so they have none: a name never rests on one code of one column.
 */
export function themeOf(feature: string, label?: string): FeatureTheme | undefined {
  if (feature.includes('=')) return undefined;
  return featureThemes.find((t) => t.re.test(feature) || (label !== undefined && t.re.test(label)));
}
