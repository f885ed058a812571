import { normalizeName } from './columnVocabulary';

/** Target names that say the positive class leaves (en/es/ru/pt). */
const churnNames = [
  /churn/, /exited/, /attrition/, /attrited/, /^left$/, /cancel/, /^(is)?lost$/, /defect/, /lapsed/,
  /abandono/, /^baja$/, /fuga/, /cancelad/, /cancelou/, /evas[aã]o/, /rotatividade/, /отток/, /ушел/, /ушёл/, /уход/, /покупательскаяактивность/,
];
/** Target names that say the positive class buys, responds or subscribes. */
const conversionNames = [
  /conver/, /respon/, /purchas/, /bought/, /^(y|yes)$/, /deposit/, /subscri(bed|ption)target/, /accepted(offer|cmp|campaign)?/, /acceptedcmp/,
  /^buy/, /^order(ed)?$/, /signup/, /upgrade/, /uptake/, /take[-]?up/, /отклик/, /покупк/, /купил/, /конверс/,
  /compra/, /compr[oó]/, /respuesta/, /convers/, /comprou/, /resposta/, /adesao/, /adesão/,
];
/** Generic target names: the goal must come from the labels or the data. */
const genericNames = ['target', 'label', 'class', 'outcome', 'objetivo', 'etiqueta', 'alvo', 'rótulo', 'rotulo', 'таргет', 'целевой', 'целевойпризнак', 'метка', 'y'].map(normalizeName);

export function targetNameGoal(name: string): 'churn' | 'conversion' | 'generic' | undefined {
  const n = normalizeName(name);
  if (churnNames.some((re) => re.test(n))) return 'churn';
  if (n === 'y') return 'generic';
  if (conversionNames.some((re) => re.test(n))) return 'conversion';
  if (genericNames.includes(n)) return 'generic';
  return undefined;
}

/** Label values that mean the customer left / declined, and ones that mean they bought or responded. */
const churnLabels = new Set([
  'churn', 'churned', 'exited', 'left', 'attrited customer', 'attrited', 'lost', 'cancelled', 'canceled', 'declined', 'decreased', 'inactive',
  'снизилась', 'ушел', 'ушёл', 'отток', 'abandono', 'baja', 'cancelado', 'cancelou', 'perdido', 'inativo',
]);
const conversionLabels = new Set([
  'converted', 'bought', 'purchased', 'responded', 'subscribed', 'accepted', 'buyer', 'responder', 'купил', 'откликнулся',
  'compró', 'compro', 'convertido', 'comprou', 'respondeu', 'aceito', 'aceptado',
]);
const yesLabels = new Set(['yes', 'y', 'true', 't', '1', 'si', 'sí', 'sim', 'да']);

export function labelGoal(value: string): 'churn' | 'conversion' | 'yes' | undefined {
  const v = value.trim().toLowerCase();
  if (churnLabels.has(v)) return 'churn';
  if (conversionLabels.has(v)) return 'conversion';
  if (yesLabels.has(v)) return 'yes';
  return undefined;
}

/** Columns of a marketing campaign's log: a generic yes/no target beside them is a campaign response. */
export const campaignColumns = /^(campaign|pdays|poutcome|outcome|previous|contact|channel|offer|treatment|segment|campaña|campanha|кампания)$/i;
