import type { Goal } from '../ingest/Schema';
import type { SegmentLanguage } from '../segments/segmentLanguage';
import { sectionWords, type SectionWords } from './sectionWords';

/** The words of the report, in one language: the head, summary and segments here, the other sections in `sections`. */
export interface ReportWords {
  nav: { reading: string; summary: string; segments: string; choosingK: string; change: string; quality: string; run: string };
  eyebrow: string;
  title: (dataset: string) => string;
  run: string;
  headline: (customers: string, files: string, segments: number) => string;
  actFirstPoint: (segment: number, name: string, customers: string, share: string) => string;
  customers: string;
  segments: string;
  meanSilhouette: string;
  inOrder: string;
  actFirstBadge: string;
  cardStats: (customers: string, share: string, priority: number) => string;
  value: string;
  suggestedAction: string;
  driver: (label: string, size: 'much' | 'plain' | 'slightly', higher: boolean, z: string) => string;
  /** By goal: the score's probability and the observed rate, as column headings. */
  goal: Record<Goal, { probability: string; rate: string }>;
  lede: string;
  share: string;
  priority: string;
  silhouette: string;
  standsOutBy: string;
  averages: string;
  averagesNote: string;
  feature: string;
  /** What the value-at-stake figure is, by goal, with a value column (per period or monthly) or without. */
  stake: Record<Goal, { value: string; monthly: string; customers: string }>;
  /** Without a risk score the figure is the segment's total value. */
  totalValue: string;
  rfmHeading: string;
  rfmNote: string;
  rfmClass: string;
  stakePoint: (label: string, figure: string, segment: number) => string;
  largestPoint: (segment: number, name: string, share: string) => string;
  kPoint: (k: number, silhouette: string) => string;
  qualityPoint: (findings: number, duplicates: string, unused: number) => string;
  /** The other sections and the charts. */
  sections: SectionWords;
}

const en: ReportWords = {
  nav: { reading: 'How we read your data', summary: 'Summary', segments: 'Segments', choosingK: 'Choosing k', change: 'Change', quality: 'Data quality', run: 'Run' },
  eyebrow: 'Segmentwise report',
  title: (d) => `Customer segments for ${d}`,
  run: 'Run',
  headline: (c, f, k) => `${c} customers from ${f} were grouped into ${k} segment${k === 1 ? '' : 's'}.`,
  actFirstPoint: (s, n, c, sh) => `Act first on segment ${s} “${n}”: ${c} customers (${sh})`,
  customers: 'Customers',
  segments: 'Segments',
  meanSilhouette: 'Mean silhouette',
  inOrder: 'Segments, in the order to act on them',
  actFirstBadge: 'act first',
  cardStats: (c, sh, p) => `${c} customers (${sh}) · priority ${p}`,
  value: 'value',
  suggestedAction: 'Suggested action:',
  driver: (l, size, higher, z) => `${l}: ${size === 'much' ? 'much ' : size === 'slightly' ? 'slightly ' : ''}${higher ? 'higher' : 'lower'} than average (z ${z})`,
  goal: {
    churn: { probability: 'churn probability', rate: 'churn rate' },
    conversion: { probability: 'conversion probability', rate: 'conversion rate' },
    neutral: { probability: 'probability of the outcome', rate: 'rate of the outcome' },
  },
  lede: 'Every customer belongs to exactly one segment. Priority 1 is the segment to act on first (the most value at stake); the suggested actions are on the cards above.',
  share: 'Share',
  priority: 'Priority',
  silhouette: 'Silhouette',
  standsOutBy: 'Stands out by',
  averages: 'Segment averages',
  averagesNote: 'The centre of each segment in the data’s own units (one-hot columns read as shares).',
  feature: 'Feature',
  stake: {
    churn: { value: 'Revenue at risk per period', monthly: 'Monthly revenue at risk', customers: 'Customers expected to leave' },
    conversion: { value: 'Expected revenue from conversions per period', monthly: 'Expected monthly revenue from conversions', customers: 'Customers expected to convert' },
    neutral: { value: 'Value at stake per period', monthly: 'Monthly value at stake', customers: 'Customers expected with the outcome' },
  },
  totalValue: 'Total value',
  rfmHeading: 'RFM classes beside the segments',
  rfmNote: 'Customers of each segment by their RFM class (recency, frequency and monetary quintiles): which segments hold the champions and which the hibernating.',
  rfmClass: 'RFM class',
  stakePoint: (l, f, s) => `${l}: ${f} in segment ${s}, the most of any segment.`,
  largestPoint: (s, n, sh) => `The largest segment is ${s} “${n}” with ${sh} of customers.`,
  kPoint: (k, sil) => `${k} segments were chosen; mean silhouette ${sil}.`,
  qualityPoint: (f, d, u) => `Data quality: ${f} findings, ${d} duplicate rows removed, ${u} columns not used.`,
  sections: sectionWords.en,
};

const es: ReportWords = {
  nav: { reading: 'Cómo leímos sus datos', summary: 'Resumen', segments: 'Segmentos', choosingK: 'Elección de k', change: 'Cambios', quality: 'Calidad de los datos', run: 'Ejecución' },
  eyebrow: 'Informe de Segmentwise',
  title: (d) => `Segmentos de clientes de ${d}`,
  run: 'Ejecución',
  headline: (c, f, k) => `${c} clientes de ${f} se agruparon en ${k} segmento${k === 1 ? '' : 's'}.`,
  actFirstPoint: (s, n, c, sh) => `Actúe primero sobre el segmento ${s} «${n}»: ${c} clientes (${sh})`,
  customers: 'Clientes',
  segments: 'Segmentos',
  meanSilhouette: 'Silueta media',
  inOrder: 'Segmentos, en el orden en que actuar',
  actFirstBadge: 'actuar primero',
  cardStats: (c, sh, p) => `${c} clientes (${sh}) · prioridad ${p}`,
  value: 'valor',
  suggestedAction: 'Acción sugerida:',
  driver: (l, size, higher, z) => `${l}: ${size === 'much' ? 'mucho ' : size === 'slightly' ? 'algo ' : ''}${higher ? 'más alto' : 'más bajo'} que la media (z ${z})`,
  goal: {
    churn: { probability: 'probabilidad de abandono', rate: 'tasa de abandono' },
    conversion: { probability: 'probabilidad de conversión', rate: 'tasa de conversión' },
    neutral: { probability: 'probabilidad del resultado', rate: 'tasa del resultado' },
  },
  lede: 'Cada cliente pertenece a un solo segmento. La prioridad 1 es el segmento sobre el que actuar primero (el de más valor en juego); las acciones sugeridas están en las tarjetas de arriba.',
  share: 'Proporción',
  priority: 'Prioridad',
  silhouette: 'Silueta',
  standsOutBy: 'Destaca por',
  averages: 'Medias por segmento',
  averagesNote: 'El centro de cada segmento en las unidades de los datos (las columnas one-hot se leen como proporciones).',
  feature: 'Variable',
  stake: {
    churn: { value: 'Ingresos en riesgo por periodo', monthly: 'Ingresos mensuales en riesgo', customers: 'Clientes que se espera perder' },
    conversion: { value: 'Ingresos esperados de conversiones por periodo', monthly: 'Ingresos mensuales esperados de conversiones', customers: 'Clientes que se espera que conviertan' },
    neutral: { value: 'Valor en juego por periodo', monthly: 'Valor mensual en juego', customers: 'Clientes esperados con el resultado' },
  },
  totalValue: 'Valor total',
  rfmHeading: 'Clases RFM junto a los segmentos',
  rfmNote: 'Clientes de cada segmento según su clase RFM (quintiles de recencia, frecuencia y gasto): qué segmentos reúnen a los campeones y cuáles a los inactivos.',
  rfmClass: 'Clase RFM',
  stakePoint: (l, f, s) => `${l}: ${f} en el segmento ${s}, el mayor de todos.`,
  largestPoint: (s, n, sh) => `El segmento más grande es el ${s} «${n}», con el ${sh} de los clientes.`,
  kPoint: (k, sil) => `Se eligieron ${k} segmentos; silueta media ${sil}.`,
  qualityPoint: (f, d, u) => `Calidad de los datos: ${f} hallazgos, ${d} filas duplicadas eliminadas, ${u} columnas sin usar.`,
  sections: sectionWords.es,
};

const ru: ReportWords = {
  nav: { reading: 'Как мы прочитали данные', summary: 'Итоги', segments: 'Сегменты', choosingK: 'Выбор k', change: 'Изменения', quality: 'Качество данных', run: 'Запуск' },
  eyebrow: 'Отчёт Segmentwise',
  title: (d) => `Сегменты клиентов: ${d}`,
  run: 'Запуск',
  headline: (c, f, k) => `${c} клиентов из ${f} разделены на сегменты: ${k}.`,
  actFirstPoint: (s, n, c, sh) => `Начните с сегмента ${s} «${n}»: ${c} клиентов (${sh})`,
  customers: 'Клиенты',
  segments: 'Сегменты',
  meanSilhouette: 'Средний силуэт',
  inOrder: 'Сегменты в порядке действий',
  actFirstBadge: 'начать с него',
  cardStats: (c, sh, p) => `${c} клиентов (${sh}) · приоритет ${p}`,
  value: 'ценность',
  suggestedAction: 'Что сделать:',
  driver: (l, size, higher, z) => `${l}: ${size === 'much' ? 'намного ' : size === 'slightly' ? 'немного ' : ''}${higher ? 'выше' : 'ниже'} среднего (z ${z})`,
  goal: {
    churn: { probability: 'вероятность ухода', rate: 'доля ушедших' },
    conversion: { probability: 'вероятность покупки', rate: 'доля купивших' },
    neutral: { probability: 'вероятность исхода', rate: 'доля исхода' },
  },
  lede: 'Каждый клиент входит ровно в один сегмент. Приоритет 1 — сегмент, с которого начать (больше всего ценности под угрозой); действия — на карточках выше.',
  share: 'Доля',
  priority: 'Приоритет',
  silhouette: 'Силуэт',
  standsOutBy: 'Чем выделяется',
  averages: 'Средние по сегментам',
  averagesNote: 'Центр каждого сегмента в единицах данных (столбцы one-hot — как доли).',
  feature: 'Признак',
  stake: {
    churn: { value: 'Выручка под угрозой за период', monthly: 'Месячная выручка под угрозой', customers: 'Ожидаемо уйдут, клиентов' },
    conversion: { value: 'Ожидаемая выручка от покупок за период', monthly: 'Ожидаемая месячная выручка от покупок', customers: 'Ожидаемо купят, клиентов' },
    neutral: { value: 'Ценность на кону за период', monthly: 'Месячная ценность на кону', customers: 'Ожидаемо с исходом, клиентов' },
  },
  totalValue: 'Общая ценность',
  rfmHeading: 'Классы RFM рядом с сегментами',
  rfmNote: 'Клиенты каждого сегмента по классу RFM (квинтили давности, частоты и суммы покупок): в каких сегментах чемпионы, а в каких — «спящие».',
  rfmClass: 'Класс RFM',
  stakePoint: (l, f, s) => `${l}: ${f} в сегменте ${s} — больше, чем в любом другом.`,
  largestPoint: (s, n, sh) => `Самый большой сегмент — ${s} «${n}»: ${sh} клиентов.`,
  kPoint: (k, sil) => `Выбрано сегментов: ${k}; средний силуэт ${sil}.`,
  qualityPoint: (f, d, u) => `Качество данных: замечаний ${f}, удалено повторяющихся строк ${d}, не использовано столбцов ${u}.`,
  sections: sectionWords.ru,
};

const pt: ReportWords = {
  nav: { reading: 'Como lemos seus dados', summary: 'Resumo', segments: 'Segmentos', choosingK: 'Escolha de k', change: 'Mudanças', quality: 'Qualidade dos dados', run: 'Execução' },
  eyebrow: 'Relatório do Segmentwise',
  title: (d) => `Segmentos de clientes de ${d}`,
  run: 'Execução',
  headline: (c, f, k) => `${c} clientes de ${f} foram agrupados em ${k} segmento${k === 1 ? '' : 's'}.`,
  actFirstPoint: (s, n, c, sh) => `Aja primeiro no segmento ${s} “${n}”: ${c} clientes (${sh})`,
  customers: 'Clientes',
  segments: 'Segmentos',
  meanSilhouette: 'Silhueta média',
  inOrder: 'Segmentos, na ordem em que agir',
  actFirstBadge: 'agir primeiro',
  cardStats: (c, sh, p) => `${c} clientes (${sh}) · prioridade ${p}`,
  value: 'valor',
  suggestedAction: 'Ação sugerida:',
  driver: (l, size, higher, z) => `${l}: ${size === 'much' ? 'muito ' : size === 'slightly' ? 'um pouco ' : ''}${higher ? 'acima' : 'abaixo'} da média (z ${z})`,
  goal: {
    churn: { probability: 'probabilidade de cancelamento', rate: 'taxa de cancelamento' },
    conversion: { probability: 'probabilidade de conversão', rate: 'taxa de conversão' },
    neutral: { probability: 'probabilidade do resultado', rate: 'taxa do resultado' },
  },
  lede: 'Cada cliente pertence a exatamente um segmento. A prioridade 1 é o segmento em que agir primeiro (o de mais valor em jogo); as ações sugeridas estão nos cartões acima.',
  share: 'Participação',
  priority: 'Prioridade',
  silhouette: 'Silhueta',
  standsOutBy: 'Destaca-se por',
  averages: 'Médias por segmento',
  averagesNote: 'O centro de cada segmento nas unidades dos dados (colunas one-hot lidas como proporções).',
  feature: 'Variável',
  stake: {
    churn: { value: 'Receita em risco por período', monthly: 'Receita mensal em risco', customers: 'Clientes que devem sair' },
    conversion: { value: 'Receita esperada de conversões por período', monthly: 'Receita mensal esperada de conversões', customers: 'Clientes que devem converter' },
    neutral: { value: 'Valor em jogo por período', monthly: 'Valor mensal em jogo', customers: 'Clientes esperados com o resultado' },
  },
  totalValue: 'Valor total',
  rfmHeading: 'Classes RFM ao lado dos segmentos',
  rfmNote: 'Clientes de cada segmento por classe RFM (quintis de recência, frequência e gasto): quais segmentos reúnem os campeões e quais os inativos.',
  rfmClass: 'Classe RFM',
  stakePoint: (l, f, s) => `${l}: ${f} no segmento ${s}, o maior de todos.`,
  largestPoint: (s, n, sh) => `O maior segmento é o ${s} “${n}”, com ${sh} dos clientes.`,
  kPoint: (k, sil) => `Foram escolhidos ${k} segmentos; silhueta média ${sil}.`,
  qualityPoint: (f, d, u) => `Qualidade dos dados: ${f} achados, ${d} linhas duplicadas removidas, ${u} colunas não usadas.`,
  sections: sectionWords.pt,
};

export const reportWords: Record<SegmentLanguage, ReportWords> = { en, es, ru, pt };

/** A value column that names a month ("MonthlyCharges", "Выручка_мес") holds money per month. */
export function isMonthly(valueColumn: string | null | undefined): boolean {
  return valueColumn ? /month|мес|mes|mensal/i.test(valueColumn) : false;
}

/** What a segment's valueAtStake figure means, for its heading. */
export function valueAtStakeLabel(words: ReportWords, goal: Goal, valueColumn: string | null | undefined, scored: boolean): string {
  if (!scored) return words.totalValue;
  const stake = words.stake[goal];
  if (!valueColumn) return stake.customers;
  return isMonthly(valueColumn) ? stake.monthly : stake.value;
}
