/*
 * A word table, long on purpose: every heading, explanation and chart title of the report's sections
 * in each language the report speaks, side by side so a translation is checked against its English.
 */
import type { Goal } from '../ingest/Schema';
import type { Confidence } from '../roles/DatasetRoles';
import type { SegmentLanguage } from '../segments/segmentLanguage';

/** Axis, legend and mark titles of the report's charts. */
export interface ChartWords {
  inertia: string;
  meanSilhouette: string;
  segmentCount: string;
  /** Put before the chosen k on the k charts ("chosen k = 6"). */
  chosenK: string;
  /** The calibration plot's axes; English keeps the churn words it always had. */
  meanPredicted: string;
  observedRate: string;
  customers: string;
  falsePositiveRate: string;
  truePositiveRate: string;
  importance: string;
  /** A principal component's axis, with the share of variance it keeps when known. */
  component: (index: number, share?: string) => string;
  segment: string;
  zScore: string;
  previousRun: string;
  thisRun: string;
  shareOfCustomers: string;
  qiniShare: string;
  qiniGain: string;
  /** Legend entries of a Qini chart: an arm's model and random targeting. */
  qiniModel: (arm: string) => string;
  qiniRandom: (arm: string) => string;
}

/**
 * The words of the report's other sections (how the data was read, choosing k, the model, change,
 * campaigns, quality, the run) and of its charts, in one language. Data values, column names and
 * ids are never translated; only the sentences around them.
 */
export interface SectionWords {
  warning: string;
  navCampaigns: string;
  footerRun: string;
  /** The summary's figure of the model's hold-out ROC AUC, with its doubt when it is too good to be true. */
  rocFigure: (model: string, doubtful: boolean) => string;
  reading: {
    checkFirst: string;
    headers: { role: string; column: string; evidence: string; confidence: string; toChange: string };
    confidence: Record<Confidence, string>;
    roles: { id: string; label: string; goal: string; consent: string; value: string; date: string };
    numberedRows: string;
    none: string;
    perClass: (column: string, classes: number) => string;
    goal: Record<Goal, string>;
    consentAll: string;
    consentNone: string;
    polarity: Record<'opt-in' | 'opt-out', string>;
    noValue: string;
    ambiguous: string;
    referenceDate: (date: string) => string;
    keptOut: string;
    why: string;
    /** The sentence around `"include": ["<column>"]`. */
    includeNote: [before: string, after: string];
    duplicateHeading: string;
    duplicates: (ids: number) => string;
    rows: (rows: string) => string;
  };
  choosingK: {
    heading: string;
    elbowAria: string;
    silhouetteAria: string;
    elbow: string;
    elbowNote: string;
    silhouette: string;
    silhouetteNote: string;
    minibatch: string;
    kMeans: string;
    pcaSpace: (components: number, features: number, percent: number) => string;
    featureSpace: (features: number) => string;
    clusteredOn: (algorithm: string, space: string, flagGap: number) => string;
  };
  model: {
    /** By goal: the section's heading, its importance chart's title; `happens` follows "a predicted 30 %". */
    goal: Record<Goal, { heading: string; drives: string; happens: (outcome: string) => string }>;
    /** The neutral goal's outcome when only the target is known, or nothing is. */
    positiveOf: (target: string) => string;
    positiveOutcome: string;
    heuristicHeading: string;
    heuristic: string;
    rocAria: (model: string) => string;
    calibrationAria: (model: string) => string;
    importanceAria: (model: string) => string;
    predicting: (target: string) => string;
    versus: (positive: string, others: number) => string;
    measuredOn: string;
    metrics: Record<string, string>;
    roc: string;
    rocNote: (auc: string, doubtful: boolean) => string;
    calibration: string;
    calibrationNote: (happens: string) => string;
    importanceNote: string;
    importanceNoteDoubtful: string;
    classModels: string;
    classLede: (target: string) => string;
    classHeaders: [string, string, string, string, string];
  };
  change: {
    heading: string;
    aria: string;
    /** Around the previous run's id, then the adjusted Rand index. */
    comparedWith: string;
    ari: (ari: string) => string;
    sizes: string;
    sizesNote: string;
    moved: string;
    segment: string;
    distance: string;
    metrics: string;
    metric: string;
    before: string;
    after: string;
  };
  campaign: {
    points: string;
    range: (low: string, high: string) => string;
    sure: string;
    unsure: string;
    compared: (treatedRate: string, treated: string, controlRate: string, control: string, outcome: string, difference: string, range: string, sure: string) => string;
    headers: { treated: string; control: string; rateTreated: string; rateControl: string; difference: string; spendDifference: string };
    tooLittle: string;
    segment: string;
    variant: string;
    theOutcome: string;
    qiniAria: string;
    lower: string;
    higher: string;
    heading: string;
    lede: (outcome: string, direction: string) => string;
    spend: (column: string) => string;
    measuredHeading: string;
    request: (id: string, messaged: string, heldOut: string) => string;
    measuredFrom: (requests: number, list: string) => string;
    noLiftYet: string;
    experimentHeading: (column: string) => string;
    eachArm: (control: string) => string;
    upliftHeading: string;
    /** The uplift paragraph, around the `uplift` column's name. */
    upliftLede: (model: string, outcome: string, trained: string, heldOut: string) => [before: string, after: string];
    upliftHeaders: [string, string, string, string, string, string];
    armGood: string;
    armPoor: string;
    armFigures: (auuc: string, random: string, customers: string) => string;
    skipped: (arm: string, reason: string) => string;
    qini: string;
    qiniNote: string;
    segmentHeaders: [string, string, string, string, string, string];
    persuadablesNote: string;
    effectHeading: string;
    assumption: (description: string) => string;
    effect: (value: string, range: string) => string;
    /** After `POST /api/plan`. */
    plan: string;
  };
  quality: {
    lede: (rows: string, columns: string, duplicates: string) => string;
    findings: string;
    noFindings: string;
    notUsed: string;
    column: string;
    reason: string;
    columns: string;
    type: string;
    missing: string;
    distinct: string;
    outliers: string;
    note: string;
    /** Column roles as quality.json names them, in words; unknown ones are shown as given. */
    types: Record<string, string>;
  };
  about: {
    heading: string;
    dataset: string;
    runId: string;
    created: string;
    sourceFiles: string;
    shape: string;
    timings: string;
    step: string;
    seconds: string;
    total: string;
  };
  segmentCharts: {
    profileAria: string;
    silhouetteAria: string;
    mapAria: string;
    profiles: string;
    profilesNote: string;
    map: string;
    mapNote: (shown: string, variance: string) => string;
    silhouette: string;
    silhouetteNote: string;
  };
  charts: ChartWords;
}

const en: SectionWords = {
  warning: 'Warning:',
  navCampaigns: 'Campaigns',
  footerRun: 'run',
  rocFigure: (m, d) => `${m} ROC AUC${d ? ' — too good to be true' : ''}`,
  reading: {
    checkFirst: 'Check before acting:',
    headers: { role: 'Role', column: 'Column', evidence: 'Evidence', confidence: 'Confidence', toChange: 'To change it in manifest.json' },
    confidence: { manifest: 'set in manifest.json', high: 'name and values agree', medium: 'one sign only: check it', low: 'weak guess: confirm it', none: 'not found' },
    roles: { id: 'Customer id', label: 'Label', goal: 'Goal', consent: 'Consent', value: 'Value', date: 'Date' },
    numberedRows: 'row_id (rows numbered from 1)',
    none: 'none',
    perClass: (c, n) => `${c}: one model per class (${n})`,
    goal: { churn: 'churn: the positive class leaves', conversion: 'conversion: the positive class buys or responds', neutral: 'neutral wording' },
    consentAll: 'every customer (declared)',
    consentNone: 'nobody: no consent information',
    polarity: { 'opt-in': 'opt-in', 'opt-out': 'opt-out' },
    noValue: 'none: priority by risk alone',
    ambiguous: ', ambiguous',
    referenceDate: (d) => `Dates become "days before ${d}", the latest date in the data; the model keeps that reference date.`,
    keptOut: 'Kept out of the model',
    why: 'Why',
    includeNote: ['A column excluded by the leakage guard comes back with ', ' in manifest.json.'],
    duplicateHeading: 'Ids on more than one row',
    duplicates: (n) => `${n} ids appear on differing rows; every row was kept. First ones: `,
    rows: (r) => `rows ${r}`,
  },
  choosingK: {
    heading: 'Choosing the number of segments',
    elbowAria: 'Elbow curve: inertia by number of segments',
    silhouetteAria: 'Mean silhouette by number of segments',
    elbow: 'Elbow curve',
    elbowNote: 'Inertia is the within-segment sum of squared distances. It always falls as k grows; the bend is where more segments stop paying off.',
    silhouette: 'Silhouette by k',
    silhouetteNote: 'Higher means customers are closer to their own segment than to the next one.',
    minibatch: 'mini-batch k-means (the table is above the row count set for it)',
    kMeans: 'k-means',
    pcaSpace: (c, f, p) => `${c} principal components of the ${f} weighted features, keeping ${p}% of their variance`,
    featureSpace: (f) => `the ${f} features`,
    clusteredOn: (a, s, g) =>
      `Segments were found by ${a} on ${s}. Behaviour and value columns count in full; each yes/no flag and each category column counts as one small step (its values ${g} standard deviations apart), so no single flag makes a segment. Segments are then described on every column.`,
  },
  model: {
    goal: {
      churn: { heading: 'Churn model', drives: 'What drives the churn score', happens: () => 'churns' },
      conversion: { heading: 'Conversion model', drives: 'What drives the conversion score', happens: () => 'converts' },
      neutral: { heading: 'Outcome model', drives: 'What drives the outcome score', happens: (o) => `ends with ${o}` },
    },
    positiveOf: (t) => `a positive ${t}`,
    positiveOutcome: 'the positive outcome',
    heuristicHeading: 'Churn risk',
    heuristic: 'No churn label was given, so the churn probability is a heuristic score, not a trained model.',
    rocAria: (m) => `ROC curve of the ${m.toLowerCase()}`,
    calibrationAria: (m) => `Calibration of the ${m.toLowerCase()}`,
    importanceAria: (m) => `${m} feature importance`,
    predicting: (t) => ` predicting “${t}”`,
    versus: (p, n) => ` (“${p}” vs the other ${n} classes)`,
    measuredOn: ', measured on customers it did not train on.',
    metrics: { rocAuc: 'ROC AUC', prAuc: 'PR AUC (average precision)', accuracy: 'Accuracy', precision: 'Precision', recall: 'Recall', f1: 'F1', logLoss: 'Log loss', brier: 'Brier score', positiveRate: 'Churn rate' },
    roc: 'ROC curve',
    rocNote: (auc, doubtful) => `Area under the curve ${auc}${doubtful ? ' — too good to be true, see the warning above' : ''}; the dashed diagonal is a coin toss.`,
    calibration: 'Calibration',
    calibrationNote: (h) => `Points on the diagonal mean a predicted 30 % ${h} about 30 % of the time. Dot size: customers per bin.`,
    importanceNote: 'The features the model relies on most.',
    importanceNoteDoubtful: 'The features the model relies on most: the one that gives the answer away is usually at the top.',
    classModels: 'Class models',
    classLede: (t) => `One model per class of “${t}”, each predicting its class against all the others, measured on customers it did not train on. A customer's class probabilities are the models' answers divided by their sum.`,
    classHeaders: ['class', 'share of customers', 'model', 'hold-out ROC AUC', 'hold-out PR AUC'],
  },
  change: {
    heading: 'Change since the previous run',
    aria: 'Segment sizes, previous run against this run',
    comparedWith: 'Compared with run ',
    ari: (a) => `. Adjusted Rand index ${a} (1 = the same customers in the same segments, 0 = no more alike than chance).`,
    sizes: 'Segment sizes',
    sizesNote: 'Segments keep their numbers across runs.',
    moved: 'How far segment centres moved',
    segment: 'Segment',
    distance: 'Distance (standardized units)',
    metrics: 'Model metrics',
    metric: 'Metric',
    before: 'Before',
    after: 'After',
  },
  campaign: {
    points: 'pts',
    range: (l, h) => `${l} to ${h}`,
    sure: 'the interval excludes no effect, so the difference is unlikely to be chance',
    unsure: 'the interval includes no effect, so this could be chance',
    compared: (tr, tn, cr, cn, o, d, r, s) => `${tr} of ${tn} treated customers against ${cr} of ${cn} in control had ${o}: a difference of ${d} (95 % interval ${r}); ${s}.`,
    headers: { treated: 'Treated', control: 'Control', rateTreated: 'Rate treated', rateControl: 'Rate control', difference: 'Difference (95 % interval)', spendDifference: 'Spend difference (95 % interval)' },
    tooLittle: 'too little data to measure',
    segment: 'Segment',
    variant: 'Variant',
    theOutcome: 'the outcome',
    qiniAria: 'Qini curves on held-out customers',
    lower: 'lower',
    higher: 'higher',
    heading: 'Campaigns: lift, uplift and what to expect',
    lede: (o, w) => `Whether contacting customers changed ${o}: treated customers compared with customers kept back at random, with 95 % intervals. A campaign here wants the rate ${w}.`,
    spend: (c) => ` Spend compares the mean of ${c} per customer.`,
    measuredHeading: 'Measured on earlier messages',
    request: (id, m, h) => `${id}: ${m} messaged, ${h} held out`,
    measuredFrom: (n, list) => `From ${n} message request(s) with a holdout (${list}), matched to this upload's customers by id.`,
    noLiftYet: 'No lift is shown until more customers are messaged and held out.',
    experimentHeading: (c) => `The experiment in the data: ${c}`,
    eachArm: (c) => `Each arm against "${c}" (control), on every customer of the upload.`,
    upliftHeading: 'Uplift: who is persuadable',
    upliftLede: (m, o, t, h) => [
      `A two-model estimate (${m}): per arm, one model of ${o} on that arm's customers and one on control's; a customer's uplift is the difference (the `,
      ` column, under the arm that helps the customer most). The models learned on ${t} of the customers; the Qini curves below rank the other ${h}, which they never saw. A curve above the dashed line finds the effect faster than random targeting.`,
    ],
    upliftHeaders: ['Arm', 'Held-out customers', 'AUUC', 'Random AUUC', 'Qini (AUUC − random)', 'Mean uplift'],
    armGood: 'ranking customers by their estimate finds more of the effect early than random targeting',
    armPoor: 'the estimate ranks held-out customers no better than random targeting; do not target by it',
    armFigures: (a, r, n) => ` (AUUC ${a} against ${r} at random, on ${n} held-out customers).`,
    skipped: (a, r) => `${a}: not modelled (${r}).`,
    qini: 'Qini curves',
    qiniNote: 'Held-out customers; dashed: random targeting.',
    segmentHeaders: ['Rank', 'Segment', 'Customers', 'Persuadables', 'Mean uplift', 'Expected extra outcomes if all treated'],
    persuadablesNote: 'Persuadables are customers whose best arm is estimated to move them the way the campaign wants; segments are ranked by the extra outcomes their estimates add up to.',
    effectHeading: 'The effect a budget plan uses',
    assumption: (d) => `Assumption, not a measurement: ${d}`,
    effect: (v, r) => ` Contact moves the outcome the campaign's way by ${v} of its rate (95 % interval ${r}).`,
    plan: ' with a budget and a cost per contact returns whom to contact, expected value saved or won, and its range, from this effect.',
  },
  quality: {
    lede: (r, c, d) => `${r} rows, ${c} columns; ${d} duplicate rows removed.`,
    findings: 'Findings',
    noFindings: 'No findings.',
    notUsed: 'Columns not used',
    column: 'Column',
    reason: 'Reason',
    columns: 'Columns',
    type: 'Type',
    missing: 'Missing',
    distinct: 'Distinct',
    outliers: 'Outliers',
    note: 'Note',
    types: {},
  },
  about: {
    heading: 'About this run',
    dataset: 'Dataset',
    runId: 'Run id',
    created: 'Created',
    sourceFiles: 'Source files',
    shape: 'Rows × features',
    timings: 'Timings',
    step: 'Step',
    seconds: 'Seconds',
    total: 'Total',
  },
  segmentCharts: {
    profileAria: 'Segment profiles: distinguishing z-scores by segment and feature',
    silhouetteAria: 'Mean silhouette by segment',
    mapAria: 'Customers on the first two principal components, coloured by segment',
    profiles: 'Segment profiles',
    profilesNote: 'How far each segment’s average sits from the average customer, in standard deviations (z). Orange is above average, blue below.',
    map: 'Segment map (PCA)',
    mapNote: (n, v) => `Each dot is a customer (${n} shown); the two axes keep ${v} of the variation in the data. Segments that overlap here may still differ in features this view leaves out.`,
    silhouette: 'Silhouette by segment',
    silhouetteNote: 'Near 1: customers sit well inside their segment; near 0: on the border with another; below 0: closer to another segment. The dashed line is the mean over all customers (−1 to 1, higher is better separated).',
  },
  charts: {
    inertia: 'Inertia',
    meanSilhouette: 'Mean silhouette',
    segmentCount: 'Number of segments (k)',
    chosenK: 'chosen k = ',
    meanPredicted: 'Mean predicted churn probability',
    observedRate: 'Observed churn rate',
    customers: 'Customers',
    falsePositiveRate: 'False positive rate',
    truePositiveRate: 'True positive rate',
    importance: 'Importance',
    component: (i, s) => (s === undefined ? `PC${i}` : `PC${i} (${s} of variance)`),
    segment: 'Segment',
    zScore: 'z-score',
    previousRun: 'previous run',
    thisRun: 'this run',
    shareOfCustomers: 'Share of customers',
    qiniShare: 'Share of held-out customers targeted (best estimate first)',
    qiniGain: 'Extra desired outcomes',
    qiniModel: (a) => `${a}: model`,
    qiniRandom: (a) => `${a}: random`,
  },
};

const es: SectionWords = {
  warning: 'Atención:',
  navCampaigns: 'Campañas',
  footerRun: 'ejecución',
  rocFigure: (m, d) => `ROC AUC del ${m.toLowerCase()}${d ? ' (demasiado bueno para ser cierto)' : ''}`,
  reading: {
    checkFirst: 'Revise esto antes de actuar:',
    headers: { role: 'Papel', column: 'Columna', evidence: 'En qué nos basamos', confidence: 'Seguridad', toChange: 'Para cambiarlo en manifest.json' },
    confidence: { manifest: 'indicado en manifest.json', high: 'el nombre y los valores coinciden', medium: 'un solo indicio: revíselo', low: 'suposición débil: confírmela', none: 'no encontrado' },
    roles: { id: 'Identificador de cliente', label: 'Etiqueta', goal: 'Objetivo', consent: 'Consentimiento', value: 'Valor', date: 'Fecha' },
    numberedRows: 'row_id (filas numeradas desde 1)',
    none: 'ninguna',
    perClass: (c, n) => `${c}: un modelo por clase (${n})`,
    goal: { churn: 'abandono: la clase positiva se va', conversion: 'conversión: la clase positiva compra o responde', neutral: 'redacción neutra' },
    consentAll: 'todos los clientes (declarado)',
    consentNone: 'nadie: no hay información de consentimiento',
    polarity: { 'opt-in': 'consentimiento expreso', 'opt-out': 'salvo baja' },
    noValue: 'ninguna: prioridad solo por riesgo',
    ambiguous: ', ambigua',
    referenceDate: (d) => `Las fechas se convierten en «días antes del ${d}», la fecha más reciente de los datos; el modelo conserva esa fecha de referencia.`,
    keptOut: 'Lo que dejamos fuera del modelo',
    why: 'Por qué',
    includeNote: ['Una columna excluida por la protección contra fugas de información vuelve con ', ' en manifest.json.'],
    duplicateHeading: 'Identificadores en más de una fila',
    duplicates: (n) => `${n} ${n === 1 ? 'identificador aparece' : 'identificadores aparecen'} en filas distintas; se conservaron todas las filas. Los primeros: `,
    rows: (r) => `filas ${r}`,
  },
  choosingK: {
    heading: 'Cuántos segmentos elegimos',
    elbowAria: 'Curva del codo: inercia según el número de segmentos',
    silhouetteAria: 'Silueta media según el número de segmentos',
    elbow: 'Curva del codo',
    elbowNote: 'La inercia suma las distancias al cuadrado dentro de cada segmento. Siempre baja al aumentar k; el codo marca dónde más segmentos dejan de compensar.',
    silhouette: 'Silueta según k',
    silhouetteNote: 'Cuanto más alta, más cerca está cada cliente de su propio segmento que del siguiente.',
    minibatch: 'k-means por minilotes (la tabla supera el número de filas fijado para ello)',
    kMeans: 'k-means',
    pcaSpace: (c, f, p) => `${c} componentes principales de las ${f} variables ponderadas, que conservan el ${p} % de su varianza`,
    featureSpace: (f) => `las ${f} variables`,
    clusteredOn: (a, s, g) =>
      `Los segmentos se obtuvieron con ${a} sobre ${s}. Las columnas de comportamiento y valor cuentan por completo; cada indicador sí/no y cada columna de categoría cuenta como un paso pequeño (sus valores quedan a ${g} desviaciones típicas), así que ningún indicador por sí solo forma un segmento. Después, los segmentos se describen con todas las columnas.`,
  },
  model: {
    goal: {
      churn: { heading: 'Modelo de abandono', drives: 'Qué explica el riesgo de abandono', happens: () => 'abandona' },
      conversion: { heading: 'Modelo de conversión', drives: 'Qué explica la probabilidad de conversión', happens: () => 'convierte' },
      neutral: { heading: 'Modelo del resultado', drives: 'Qué explica la probabilidad del resultado', happens: (o) => `termina con ${o}` },
    },
    positiveOf: (t) => `${t} positivo`,
    positiveOutcome: 'el resultado positivo',
    heuristicHeading: 'Riesgo de abandono',
    heuristic: 'No se indicó ninguna etiqueta de abandono, así que la probabilidad de abandono es una puntuación heurística, no un modelo entrenado.',
    rocAria: (m) => `Curva ROC: ${m}`,
    calibrationAria: (m) => `Calibración: ${m}`,
    importanceAria: (m) => `Importancia de las variables: ${m}`,
    predicting: (t) => ` que predice «${t}»`,
    versus: (p, n) => ` («${p}» frente a las otras ${n} clases)`,
    measuredOn: ', evaluado con clientes que no vio al entrenar.',
    metrics: { rocAuc: 'ROC AUC', prAuc: 'PR AUC (precisión media)', accuracy: 'Exactitud', precision: 'Precisión', recall: 'Sensibilidad', f1: 'F1', logLoss: 'Pérdida logarítmica', brier: 'Puntuación de Brier', positiveRate: 'Tasa de abandono' },
    roc: 'Curva ROC',
    rocNote: (auc, doubtful) => `Área bajo la curva: ${auc}${doubtful ? ' (demasiado buena para ser cierta; vea la advertencia de arriba)' : ''}; la diagonal discontinua equivale a lanzar una moneda.`,
    calibration: 'Calibración',
    calibrationNote: (h) => `Si los puntos caen sobre la diagonal, un cliente con un 30 % previsto ${h} aproximadamente 3 de cada 10 veces. Tamaño del punto: clientes por tramo.`,
    importanceNote: 'Las variables en las que más se apoya el modelo.',
    importanceNoteDoubtful: 'Las variables en las que más se apoya el modelo: la que delata la respuesta suele estar arriba.',
    classModels: 'Modelos por clase',
    classLede: (t) => `Un modelo por cada clase de «${t}», cada uno predice su clase frente a todas las demás, evaluado con clientes que no vio al entrenar. Las probabilidades de cada cliente son las respuestas de los modelos divididas entre su suma.`,
    classHeaders: ['clase', 'proporción de clientes', 'modelo', 'ROC AUC en validación', 'PR AUC en validación'],
  },
  change: {
    heading: 'Qué cambió desde la ejecución anterior',
    aria: 'Tamaño de los segmentos: ejecución anterior frente a esta',
    comparedWith: 'Comparado con la ejecución ',
    ari: (a) => `. Índice de Rand ajustado: ${a} (1 = los mismos clientes en los mismos segmentos; 0 = tan parecidos como al azar).`,
    sizes: 'Tamaño de los segmentos',
    sizesNote: 'Los segmentos conservan su número de una ejecución a otra.',
    moved: 'Cuánto se movió el centro de cada segmento',
    segment: 'Segmento',
    distance: 'Distancia (unidades estandarizadas)',
    metrics: 'Métricas del modelo',
    metric: 'Métrica',
    before: 'Antes',
    after: 'Ahora',
  },
  campaign: {
    points: 'p. p.',
    range: (l, h) => `de ${l} a ${h}`,
    sure: 'el intervalo no incluye el cero, así que es poco probable que la diferencia se deba al azar',
    unsure: 'el intervalo incluye el cero, así que podría deberse al azar',
    compared: (tr, tn, cr, cn, o, d, r, s) => `El ${tr} de ${tn} clientes contactados frente al ${cr} de ${cn} del grupo de control tuvo ${o}: una diferencia de ${d} (intervalo del 95 %: ${r}); ${s}.`,
    headers: { treated: 'Contactados', control: 'Control', rateTreated: 'Tasa contactados', rateControl: 'Tasa control', difference: 'Diferencia (intervalo del 95 %)', spendDifference: 'Diferencia de gasto (intervalo del 95 %)' },
    tooLittle: 'pocos datos para medir',
    segment: 'Segmento',
    variant: 'Variante',
    theOutcome: 'el resultado',
    qiniAria: 'Curvas Qini con clientes reservados',
    lower: 'baje',
    higher: 'suba',
    heading: 'Campañas: impacto, uplift y qué esperar',
    lede: (o, w) => `Si contactar a los clientes cambió ${o}: clientes contactados frente a clientes reservados al azar, con intervalos del 95 %. Aquí una campaña busca que la tasa ${w}.`,
    spend: (c) => ` El gasto compara la media de ${c} por cliente.`,
    measuredHeading: 'Medido en envíos anteriores',
    request: (id, m, h) => `${id}: ${m} contactados, ${h} reservados`,
    measuredFrom: (n, list) => `A partir de ${n} envío(s) con grupo reservado (${list}), cruzados con los clientes de esta carga por su identificador.`,
    noLiftYet: 'No se muestra ningún impacto hasta que se contacte y se reserve a más clientes.',
    experimentHeading: (c) => `El experimento en los datos: ${c}`,
    eachArm: (c) => `Cada variante frente a «${c}» (control), con todos los clientes de la carga.`,
    upliftHeading: 'Uplift: a quién se puede convencer',
    upliftLede: (m, o, t, h) => [
      `Una estimación con dos modelos (${m}): por variante, un modelo de ${o} con sus clientes y otro con los del control; el uplift de un cliente es la diferencia (la columna `,
      `, con la variante que más le ayuda). Los modelos aprendieron con el ${t} de los clientes; las curvas Qini de abajo ordenan al ${h} restante, que nunca vieron. Una curva por encima de la línea discontinua encuentra el efecto antes que una selección al azar.`,
    ],
    upliftHeaders: ['Variante', 'Clientes reservados', 'AUUC', 'AUUC al azar', 'Qini (AUUC − azar)', 'Uplift medio'],
    armGood: 'ordenar a los clientes por su estimación encuentra antes más efecto que elegirlos al azar',
    armPoor: 'la estimación no ordena a los clientes reservados mejor que el azar; no la use para elegir a quién contactar',
    armFigures: (a, r, n) => ` (AUUC ${a} frente a ${r} al azar, con ${n} clientes reservados).`,
    skipped: (a, r) => `${a}: sin modelo (${r}).`,
    qini: 'Curvas Qini',
    qiniNote: 'Clientes reservados; discontinua: selección al azar.',
    segmentHeaders: ['Puesto', 'Segmento', 'Clientes', 'Convencibles', 'Uplift medio', 'Resultados extra esperados si se contacta a todos'],
    persuadablesNote: 'Los convencibles son clientes a los que su mejor variante debería mover en la dirección que busca la campaña; los segmentos se ordenan por los resultados extra que suman sus estimaciones.',
    effectHeading: 'El efecto que usa un plan de presupuesto',
    assumption: (d) => `Supuesto, no medición: ${d}`,
    effect: (v, r) => ` El contacto mueve el resultado en la dirección de la campaña un ${v} de su tasa (intervalo del 95 %: ${r}).`,
    plan: ' con un presupuesto y un coste por contacto devuelve a quién contactar, el valor que se espera salvar o ganar y su margen, a partir de este efecto.',
  },
  quality: {
    lede: (r, c, d) => `${r} filas, ${c} columnas; ${d} filas duplicadas eliminadas.`,
    findings: 'Hallazgos',
    noFindings: 'Sin hallazgos.',
    notUsed: 'Columnas sin usar',
    column: 'Columna',
    reason: 'Motivo',
    columns: 'Columnas',
    type: 'Tipo',
    missing: 'Vacíos',
    distinct: 'Distintos',
    outliers: 'Atípicos',
    note: 'Nota',
    types: { id: 'identificador', target: 'objetivo', consent: 'consentimiento', treatment: 'tratamiento', numeric: 'numérica', categorical: 'categoría', boolean: 'sí/no', date: 'fecha', text: 'texto', dropped: 'descartada' },
  },
  about: {
    heading: 'Sobre esta ejecución',
    dataset: 'Conjunto de datos',
    runId: 'Identificador de la ejecución',
    created: 'Creada',
    sourceFiles: 'Archivos de origen',
    shape: 'Filas × variables',
    timings: 'Tiempos',
    step: 'Paso',
    seconds: 'Segundos',
    total: 'Total',
  },
  segmentCharts: {
    profileAria: 'Perfiles de los segmentos: puntuaciones z que los distinguen, por segmento y variable',
    silhouetteAria: 'Silueta media por segmento',
    mapAria: 'Clientes sobre los dos primeros componentes principales, coloreados por segmento',
    profiles: 'Perfiles de los segmentos',
    profilesNote: 'Cuánto se aleja la media de cada segmento del cliente medio, en desviaciones típicas (z). Naranja: por encima de la media; azul: por debajo.',
    map: 'Mapa de segmentos (PCA)',
    mapNote: (n, v) => `Cada punto es un cliente (se muestran ${n}); los dos ejes recogen el ${v} de la variación de los datos. Segmentos que aquí se solapan pueden diferir en variables que esta vista no muestra.`,
    silhouette: 'Silueta por segmento',
    silhouetteNote: 'Cerca de 1: los clientes están bien dentro de su segmento; cerca de 0: en la frontera con otro; por debajo de 0: más cerca de otro segmento. La línea discontinua es la media de todos los clientes (de −1 a 1; cuanto más alta, mejor separados).',
  },
  charts: {
    inertia: 'Inercia',
    meanSilhouette: 'Silueta media',
    segmentCount: 'Número de segmentos (k)',
    chosenK: 'k elegido = ',
    meanPredicted: 'Probabilidad media prevista',
    observedRate: 'Tasa observada',
    customers: 'Clientes',
    falsePositiveRate: 'Tasa de falsos positivos',
    truePositiveRate: 'Tasa de verdaderos positivos',
    importance: 'Importancia',
    component: (i, s) => (s === undefined ? `CP${i}` : `CP${i} (${s} de la varianza)`),
    segment: 'Segmento',
    zScore: 'puntuación z',
    previousRun: 'ejecución anterior',
    thisRun: 'esta ejecución',
    shareOfCustomers: 'Proporción de clientes',
    qiniShare: 'Proporción de clientes reservados contactados (mejor estimación primero)',
    qiniGain: 'Resultados deseados extra',
    qiniModel: (a) => `${a}: modelo`,
    qiniRandom: (a) => `${a}: al azar`,
  },
};

const ru: SectionWords = {
  warning: 'Внимание:',
  navCampaigns: 'Кампании',
  footerRun: 'запуск',
  rocFigure: (m, d) => `ROC AUC: ${m.toLowerCase()}${d ? ' — подозрительно хорошо' : ''}`,
  reading: {
    checkFirst: 'Проверьте, прежде чем действовать:',
    headers: { role: 'Роль', column: 'Столбец', evidence: 'На чём основано', confidence: 'Уверенность', toChange: 'Как изменить в manifest.json' },
    confidence: { manifest: 'задано в manifest.json', high: 'название и значения согласуются', medium: 'только один признак: проверьте', low: 'слабая догадка: подтвердите', none: 'не найдено' },
    roles: { id: 'Идентификатор клиента', label: 'Целевая метка', goal: 'Цель', consent: 'Согласие', value: 'Ценность', date: 'Дата' },
    numberedRows: 'row_id (строки пронумерованы с 1)',
    none: 'нет',
    perClass: (c, n) => `${c}: по модели на класс (${n})`,
    goal: { churn: 'отток: положительный класс уходит', conversion: 'конверсия: положительный класс покупает или откликается', neutral: 'нейтральные формулировки' },
    consentAll: 'все клиенты (заявлено)',
    consentNone: 'никто: сведений о согласии нет',
    polarity: { 'opt-in': 'явное согласие', 'opt-out': 'пока не отказался' },
    noValue: 'нет: приоритет только по риску',
    ambiguous: ', неоднозначно',
    referenceDate: (d) => `Даты пересчитаны в «дней до ${d}» — самой поздней даты в данных; модель запоминает эту опорную дату.`,
    keptOut: 'Что не вошло в модель',
    why: 'Почему',
    includeNote: ['Столбец, исключённый защитой от утечки ответа, возвращается строкой ', ' в manifest.json.'],
    duplicateHeading: 'Идентификаторы в нескольких строках',
    duplicates: (n) => `Идентификаторов в разных строках: ${n}; все строки сохранены. Первые: `,
    rows: (r) => `строки ${r}`,
  },
  choosingK: {
    heading: 'Сколько сегментов выбрано',
    elbowAria: 'Кривая «локтя»: инерция по числу сегментов',
    silhouetteAria: 'Средний силуэт по числу сегментов',
    elbow: 'Кривая «локтя»',
    elbowNote: 'Инерция — сумма квадратов расстояний внутри сегментов. С ростом k она всегда падает; изгиб показывает, где новые сегменты перестают окупаться.',
    silhouette: 'Силуэт по k',
    silhouetteNote: 'Чем выше, тем лучше клиенты отделены от соседних сегментов.',
    minibatch: 'мини-пакетным методом k-means (в таблице больше строк, чем заданный для него порог)',
    kMeans: 'методом k-means',
    pcaSpace: (c, f, p) => `${c} главных компонентах ${f} взвешенных признаков, сохраняющих ${p} % их дисперсии`,
    featureSpace: (f) => `${f} признаках`,
    clusteredOn: (a, s, g) =>
      `Сегменты найдены ${a} на ${s}. Столбцы поведения и ценности учитываются полностью; каждый флаг «да/нет» и каждый категориальный столбец — как небольшой шаг (его значения разнесены на ${g} стандартного отклонения), поэтому ни один флаг сам по себе не образует сегмент. Затем сегменты описаны по всем столбцам.`,
  },
  model: {
    goal: {
      churn: { heading: 'Модель оттока', drives: 'От чего зависит риск ухода', happens: () => 'уходит' },
      conversion: { heading: 'Модель конверсии', drives: 'От чего зависит вероятность покупки', happens: () => 'покупает' },
      neutral: { heading: 'Модель исхода', drives: 'От чего зависит вероятность исхода', happens: (o) => `приходит к исходу ${o}` },
    },
    positiveOf: (t) => `положительный ${t}`,
    positiveOutcome: 'положительный исход',
    heuristicHeading: 'Риск ухода',
    heuristic: 'Метка оттока не задана, поэтому вероятность ухода — эвристическая оценка, а не обученная модель.',
    rocAria: (m) => `ROC-кривая: ${m}`,
    calibrationAria: (m) => `Калибровка: ${m}`,
    importanceAria: (m) => `Важность признаков: ${m}`,
    predicting: (t) => `, предсказывающая «${t}»`,
    versus: (p, n) => ` («${p}» против остальных классов: ${n})`,
    measuredOn: ', проверена на клиентах, которых не видела при обучении.',
    metrics: { rocAuc: 'ROC AUC', prAuc: 'PR AUC (средняя точность)', accuracy: 'Доля верных ответов', precision: 'Точность', recall: 'Полнота', f1: 'F1', logLoss: 'Логарифмическая потеря', brier: 'Оценка Брайера', positiveRate: 'Доля ушедших' },
    roc: 'ROC-кривая',
    rocNote: (auc, doubtful) => `Площадь под кривой ${auc}${doubtful ? ' — подозрительно хорошо, см. предупреждение выше' : ''}; пунктирная диагональ — подбрасывание монеты.`,
    calibration: 'Калибровка',
    calibrationNote: (h) => `Точки на диагонали означают, что клиент с прогнозом 30 % ${h} примерно в 3 случаях из 10. Размер точки — число клиентов в интервале.`,
    importanceNote: 'Признаки, на которые модель опирается больше всего.',
    importanceNoteDoubtful: 'Признаки, на которые модель опирается больше всего: тот, что выдаёт ответ, обычно наверху.',
    classModels: 'Модели по классам',
    classLede: (t) => `По одной модели на каждый класс «${t}»: каждая отличает свой класс от всех остальных и проверена на клиентах, которых не видела при обучении. Вероятности классов для клиента — ответы моделей, делённые на их сумму.`,
    classHeaders: ['класс', 'доля клиентов', 'модель', 'ROC AUC на отложенных', 'PR AUC на отложенных'],
  },
  change: {
    heading: 'Что изменилось с прошлого запуска',
    aria: 'Размеры сегментов: прошлый запуск и этот',
    comparedWith: 'Сравнение с запуском ',
    ari: (a) => `. Скорректированный индекс Рэнда ${a} (1 — те же клиенты в тех же сегментах, 0 — совпадение не больше случайного).`,
    sizes: 'Размеры сегментов',
    sizesNote: 'Номера сегментов сохраняются между запусками.',
    moved: 'Насколько сместились центры сегментов',
    segment: 'Сегмент',
    distance: 'Расстояние (в стандартизованных единицах)',
    metrics: 'Метрики модели',
    metric: 'Метрика',
    before: 'Было',
    after: 'Стало',
  },
  campaign: {
    points: 'п. п.',
    range: (l, h) => `от ${l} до ${h}`,
    sure: 'интервал не включает ноль, так что разница вряд ли случайна',
    unsure: 'интервал включает ноль, так что разница может быть случайной',
    compared: (tr, tn, cr, cn, o, d, r, s) => `${o}: ${tr} из ${tn} получивших сообщение клиентов против ${cr} из ${cn} в контрольной группе — разница ${d} (95 % интервал ${r}); ${s}.`,
    headers: { treated: 'С сообщением', control: 'Контроль', rateTreated: 'Доля с сообщением', rateControl: 'Доля в контроле', difference: 'Разница (95 % интервал)', spendDifference: 'Разница в тратах (95 % интервал)' },
    tooLittle: 'слишком мало данных для оценки',
    segment: 'Сегмент',
    variant: 'Вариант',
    theOutcome: 'исход',
    qiniAria: 'Кривые Qini на отложенных клиентах',
    lower: 'снизилась',
    higher: 'выросла',
    heading: 'Кампании: эффект, uplift и чего ожидать',
    lede: (o, w) => `Изменил ли контакт с клиентами показатель ${o}: клиенты с сообщением против случайно отложенных, с 95 % интервалами. Здесь кампания стремится, чтобы доля ${w}.`,
    spend: (c) => ` Траты сравниваются по среднему ${c} на клиента.`,
    measuredHeading: 'Измерено на прошлых рассылках',
    request: (id, m, h) => `${id}: отправлено ${m}, отложено ${h}`,
    measuredFrom: (n, list) => `По рассылкам с отложенной группой (${n}: ${list}), сопоставленным с клиентами этой загрузки по идентификатору.`,
    noLiftYet: 'Эффект не показывается, пока сообщения не получит и не будет отложено больше клиентов.',
    experimentHeading: (c) => `Эксперимент в данных: ${c}`,
    eachArm: (c) => `Каждый вариант против «${c}» (контроль), на всех клиентах загрузки.`,
    upliftHeading: 'Uplift: кого можно убедить',
    upliftLede: (m, o, t, h) => [
      `Оценка двумя моделями (${m}): для каждого варианта одна модель показателя ${o} на его клиентах и одна на контрольных; uplift клиента — их разница (столбец `,
      `, по варианту, который помогает клиенту больше всего). Модели обучены на ${t} клиентов; кривые Qini ниже ранжируют остальные ${h}, которых модели не видели. Кривая выше пунктира находит эффект быстрее случайного выбора.`,
    ],
    upliftHeaders: ['Вариант', 'Отложенные клиенты', 'AUUC', 'AUUC случайно', 'Qini (AUUC − случайно)', 'Средний uplift'],
    armGood: 'ранжирование клиентов по оценке находит эффект раньше, чем случайный выбор',
    armPoor: 'оценка ранжирует отложенных клиентов не лучше случайного выбора; не отбирайте по ней',
    armFigures: (a, r, n) => ` (AUUC ${a} против ${r} при случайном выборе, на отложенных клиентах: ${n}).`,
    skipped: (a, r) => `${a}: модель не построена (${r}).`,
    qini: 'Кривые Qini',
    qiniNote: 'Отложенные клиенты; пунктир — случайный выбор.',
    segmentHeaders: ['Место', 'Сегмент', 'Клиенты', 'Убеждаемые', 'Средний uplift', 'Ожидаемый доп. результат, если охватить всех'],
    persuadablesNote: 'Убеждаемые — клиенты, которых лучший для них вариант, по оценке, сдвинет в нужную кампании сторону; сегменты ранжированы по сумме дополнительных результатов.',
    effectHeading: 'Эффект, который использует план бюджета',
    assumption: (d) => `Допущение, а не измерение: ${d}`,
    effect: (v, r) => ` Контакт сдвигает исход в нужную кампании сторону на ${v} от его доли (95 % интервал ${r}).`,
    plan: ' с бюджетом и стоимостью контакта возвращает, с кем связаться, ожидаемую сохранённую или полученную ценность и её разброс — на основе этого эффекта.',
  },
  quality: {
    lede: (r, c, d) => `Строк: ${r}, столбцов: ${c}; удалено повторяющихся строк: ${d}.`,
    findings: 'Замечания',
    noFindings: 'Замечаний нет.',
    notUsed: 'Неиспользованные столбцы',
    column: 'Столбец',
    reason: 'Причина',
    columns: 'Столбцы',
    type: 'Тип',
    missing: 'Пропуски',
    distinct: 'Различных',
    outliers: 'Выбросы',
    note: 'Примечание',
    types: { id: 'идентификатор', target: 'цель', consent: 'согласие', treatment: 'воздействие', numeric: 'число', categorical: 'категория', boolean: 'да/нет', date: 'дата', text: 'текст', dropped: 'исключён' },
  },
  about: {
    heading: 'Об этом запуске',
    dataset: 'Набор данных',
    runId: 'Идентификатор запуска',
    created: 'Создан',
    sourceFiles: 'Исходные файлы',
    shape: 'Строки × признаки',
    timings: 'Время выполнения',
    step: 'Шаг',
    seconds: 'Секунды',
    total: 'Итого',
  },
  segmentCharts: {
    profileAria: 'Профили сегментов: отличительные z-оценки по сегментам и признакам',
    silhouetteAria: 'Средний силуэт по сегментам',
    mapAria: 'Клиенты на первых двух главных компонентах, цвет — сегмент',
    profiles: 'Профили сегментов',
    profilesNote: 'Насколько среднее сегмента отличается от среднего клиента, в стандартных отклонениях (z). Оранжевый — выше среднего, синий — ниже.',
    map: 'Карта сегментов (PCA)',
    mapNote: (n, v) => `Каждая точка — клиент (показано ${n}); две оси сохраняют ${v} разброса данных. Сегменты, которые здесь перекрываются, могут различаться по признакам, не вошедшим в эту проекцию.`,
    silhouette: 'Силуэт по сегментам',
    silhouetteNote: 'Около 1 — клиенты глубоко внутри своего сегмента; около 0 — на границе с другим; ниже 0 — ближе к другому сегменту. Пунктир — среднее по всем клиентам (от −1 до 1, чем выше, тем лучше разделены).',
  },
  charts: {
    inertia: 'Инерция',
    meanSilhouette: 'Средний силуэт',
    segmentCount: 'Число сегментов (k)',
    chosenK: 'выбрано k = ',
    meanPredicted: 'Средняя прогнозная вероятность',
    observedRate: 'Наблюдаемая доля',
    customers: 'Клиенты',
    falsePositiveRate: 'Доля ложных срабатываний',
    truePositiveRate: 'Доля верных срабатываний',
    importance: 'Важность',
    component: (i, s) => (s === undefined ? `ГК${i}` : `ГК${i} (${s} дисперсии)`),
    segment: 'Сегмент',
    zScore: 'z-оценка',
    previousRun: 'прошлый запуск',
    thisRun: 'этот запуск',
    shareOfCustomers: 'Доля клиентов',
    qiniShare: 'Доля охваченных отложенных клиентов (лучшие оценки первыми)',
    qiniGain: 'Дополнительные желаемые исходы',
    qiniModel: (a) => `${a}: модель`,
    qiniRandom: (a) => `${a}: случайно`,
  },
};

const pt: SectionWords = {
  warning: 'Atenção:',
  navCampaigns: 'Campanhas',
  footerRun: 'execução',
  rocFigure: (m, d) => `ROC AUC do ${m.toLowerCase()}${d ? ' (bom demais para ser verdade)' : ''}`,
  reading: {
    checkFirst: 'Confira antes de agir:',
    headers: { role: 'Papel', column: 'Coluna', evidence: 'Em que nos baseamos', confidence: 'Confiança', toChange: 'Para mudar no manifest.json' },
    confidence: { manifest: 'definido no manifest.json', high: 'nome e valores concordam', medium: 'um único indício: confira', low: 'palpite fraco: confirme', none: 'não encontrado' },
    roles: { id: 'Identificador do cliente', label: 'Rótulo', goal: 'Objetivo', consent: 'Consentimento', value: 'Valor', date: 'Data' },
    numberedRows: 'row_id (linhas numeradas a partir de 1)',
    none: 'nenhum',
    perClass: (c, n) => `${c}: um modelo por classe (${n})`,
    goal: { churn: 'cancelamento: a classe positiva sai', conversion: 'conversão: a classe positiva compra ou responde', neutral: 'redação neutra' },
    consentAll: 'todos os clientes (declarado)',
    consentNone: 'ninguém: não há informação de consentimento',
    polarity: { 'opt-in': 'consentimento explícito', 'opt-out': 'até pedir para sair' },
    noValue: 'nenhuma: prioridade só pelo risco',
    ambiguous: ', ambígua',
    referenceDate: (d) => `As datas viram "dias antes de ${d}", a data mais recente dos dados; o modelo guarda essa data de referência.`,
    keptOut: 'O que ficou fora do modelo',
    why: 'Por quê',
    includeNote: ['Uma coluna excluída pela proteção contra vazamento de informação volta com ', ' no manifest.json.'],
    duplicateHeading: 'Identificadores em mais de uma linha',
    duplicates: (n) => `${n} ${n === 1 ? 'identificador aparece' : 'identificadores aparecem'} em linhas diferentes; todas as linhas foram mantidas. Os primeiros: `,
    rows: (r) => `linhas ${r}`,
  },
  choosingK: {
    heading: 'Quantos segmentos escolhemos',
    elbowAria: 'Curva do cotovelo: inércia por número de segmentos',
    silhouetteAria: 'Silhueta média por número de segmentos',
    elbow: 'Curva do cotovelo',
    elbowNote: 'A inércia soma as distâncias ao quadrado dentro de cada segmento. Ela sempre cai quando k aumenta; a dobra mostra onde mais segmentos deixam de compensar.',
    silhouette: 'Silhueta por k',
    silhouetteNote: 'Quanto mais alta, mais perto cada cliente está do próprio segmento do que do seguinte.',
    minibatch: 'k-means em minilotes (a tabela passa do número de linhas definido para isso)',
    kMeans: 'k-means',
    pcaSpace: (c, f, p) => `${c} componentes principais das ${f} variáveis ponderadas, que mantêm ${p}% da variância`,
    featureSpace: (f) => `as ${f} variáveis`,
    clusteredOn: (a, s, g) =>
      `Os segmentos foram encontrados com ${a} sobre ${s}. Colunas de comportamento e valor contam por inteiro; cada indicador sim/não e cada coluna de categoria conta como um passo pequeno (seus valores ficam a ${g} desvios-padrão), então nenhum indicador sozinho forma um segmento. Depois, os segmentos são descritos com todas as colunas.`,
  },
  model: {
    goal: {
      churn: { heading: 'Modelo de cancelamento', drives: 'O que explica o risco de cancelamento', happens: () => 'cancela' },
      conversion: { heading: 'Modelo de conversão', drives: 'O que explica a probabilidade de conversão', happens: () => 'converte' },
      neutral: { heading: 'Modelo do resultado', drives: 'O que explica a probabilidade do resultado', happens: (o) => `termina com ${o}` },
    },
    positiveOf: (t) => `${t} positivo`,
    positiveOutcome: 'o resultado positivo',
    heuristicHeading: 'Risco de cancelamento',
    heuristic: 'Nenhum rótulo de cancelamento foi informado, então a probabilidade de cancelamento é uma pontuação heurística, não um modelo treinado.',
    rocAria: (m) => `Curva ROC: ${m}`,
    calibrationAria: (m) => `Calibração: ${m}`,
    importanceAria: (m) => `Importância das variáveis: ${m}`,
    predicting: (t) => ` que prevê "${t}"`,
    versus: (p, n) => ` ("${p}" contra as outras ${n} classes)`,
    measuredOn: ', avaliado em clientes que não viu no treino.',
    metrics: { rocAuc: 'ROC AUC', prAuc: 'PR AUC (precisão média)', accuracy: 'Acurácia', precision: 'Precisão', recall: 'Sensibilidade', f1: 'F1', logLoss: 'Perda logarítmica', brier: 'Escore de Brier', positiveRate: 'Taxa de cancelamento' },
    roc: 'Curva ROC',
    rocNote: (auc, doubtful) => `Área sob a curva: ${auc}${doubtful ? ' (boa demais para ser verdade; veja o alerta acima)' : ''}; a diagonal tracejada equivale a jogar uma moeda.`,
    calibration: 'Calibração',
    calibrationNote: (h) => `Pontos sobre a diagonal significam que um cliente com 30 % previstos ${h} em cerca de 3 de cada 10 casos. Tamanho do ponto: clientes por faixa.`,
    importanceNote: 'As variáveis em que o modelo mais se apoia.',
    importanceNoteDoubtful: 'As variáveis em que o modelo mais se apoia: a que entrega a resposta costuma estar no topo.',
    classModels: 'Modelos por classe',
    classLede: (t) => `Um modelo para cada classe de "${t}", cada um prevendo sua classe contra todas as outras, avaliado em clientes que não viu no treino. As probabilidades de um cliente são as respostas dos modelos divididas pela soma delas.`,
    classHeaders: ['classe', 'participação nos clientes', 'modelo', 'ROC AUC na validação', 'PR AUC na validação'],
  },
  change: {
    heading: 'O que mudou desde a execução anterior',
    aria: 'Tamanho dos segmentos: execução anterior contra esta',
    comparedWith: 'Comparado com a execução ',
    ari: (a) => `. Índice de Rand ajustado: ${a} (1 = os mesmos clientes nos mesmos segmentos; 0 = tão parecidos quanto o acaso).`,
    sizes: 'Tamanho dos segmentos',
    sizesNote: 'Os segmentos mantêm seus números de uma execução para outra.',
    moved: 'Quanto o centro de cada segmento se moveu',
    segment: 'Segmento',
    distance: 'Distância (unidades padronizadas)',
    metrics: 'Métricas do modelo',
    metric: 'Métrica',
    before: 'Antes',
    after: 'Agora',
  },
  campaign: {
    points: 'p.p.',
    range: (l, h) => `de ${l} a ${h}`,
    sure: 'o intervalo não inclui o zero, então é pouco provável que a diferença seja acaso',
    unsure: 'o intervalo inclui o zero, então pode ser acaso',
    compared: (tr, tn, cr, cn, o, d, r, s) => `${tr} de ${tn} clientes contatados contra ${cr} de ${cn} no grupo de controle tiveram ${o}: uma diferença de ${d} (intervalo de 95 %: ${r}); ${s}.`,
    headers: { treated: 'Contatados', control: 'Controle', rateTreated: 'Taxa contatados', rateControl: 'Taxa controle', difference: 'Diferença (intervalo de 95 %)', spendDifference: 'Diferença de gasto (intervalo de 95 %)' },
    tooLittle: 'poucos dados para medir',
    segment: 'Segmento',
    variant: 'Variante',
    theOutcome: 'o resultado',
    qiniAria: 'Curvas Qini em clientes reservados',
    lower: 'caia',
    higher: 'suba',
    heading: 'Campanhas: impacto, uplift e o que esperar',
    lede: (o, w) => `Se contatar os clientes mudou ${o}: clientes contatados comparados com clientes reservados ao acaso, com intervalos de 95 %. Aqui uma campanha quer que a taxa ${w}.`,
    spend: (c) => ` O gasto compara a média de ${c} por cliente.`,
    measuredHeading: 'Medido em envios anteriores',
    request: (id, m, h) => `${id}: ${m} contatados, ${h} reservados`,
    measuredFrom: (n, list) => `A partir de ${n} envio(s) com grupo reservado (${list}), cruzados com os clientes deste envio de dados pelo identificador.`,
    noLiftYet: 'Nenhum impacto é mostrado até que mais clientes sejam contatados e reservados.',
    experimentHeading: (c) => `O experimento nos dados: ${c}`,
    eachArm: (c) => `Cada variante contra "${c}" (controle), em todos os clientes do envio.`,
    upliftHeading: 'Uplift: quem pode ser convencido',
    upliftLede: (m, o, t, h) => [
      `Uma estimativa com dois modelos (${m}): por variante, um modelo de ${o} com os clientes dela e outro com os do controle; o uplift de um cliente é a diferença (a coluna `,
      `, na variante que mais ajuda o cliente). Os modelos aprenderam com ${t} dos clientes; as curvas Qini abaixo ordenam os outros ${h}, que eles nunca viram. Uma curva acima da linha tracejada encontra o efeito mais rápido do que escolher ao acaso.`,
    ],
    upliftHeaders: ['Variante', 'Clientes reservados', 'AUUC', 'AUUC ao acaso', 'Qini (AUUC − acaso)', 'Uplift médio'],
    armGood: 'ordenar os clientes pela estimativa encontra mais efeito logo no início do que escolher ao acaso',
    armPoor: 'a estimativa não ordena os clientes reservados melhor do que o acaso; não use para escolher quem contatar',
    armFigures: (a, r, n) => ` (AUUC ${a} contra ${r} ao acaso, em ${n} clientes reservados).`,
    skipped: (a, r) => `${a}: sem modelo (${r}).`,
    qini: 'Curvas Qini',
    qiniNote: 'Clientes reservados; tracejado: escolha ao acaso.',
    segmentHeaders: ['Posição', 'Segmento', 'Clientes', 'Convencíveis', 'Uplift médio', 'Resultados extras esperados se todos forem contatados'],
    persuadablesNote: 'Convencíveis são clientes que a melhor variante para eles deve mover na direção que a campanha quer; os segmentos são ordenados pelos resultados extras que as estimativas somam.',
    effectHeading: 'O efeito que um plano de orçamento usa',
    assumption: (d) => `Suposição, não medição: ${d}`,
    effect: (v, r) => ` O contato move o resultado na direção da campanha em ${v} da taxa (intervalo de 95 %: ${r}).`,
    plan: ' com um orçamento e um custo por contato devolve quem contatar, o valor que se espera salvar ou ganhar e sua margem, a partir deste efeito.',
  },
  quality: {
    lede: (r, c, d) => `${r} linhas, ${c} colunas; ${d} linhas duplicadas removidas.`,
    findings: 'Achados',
    noFindings: 'Nenhum achado.',
    notUsed: 'Colunas não usadas',
    column: 'Coluna',
    reason: 'Motivo',
    columns: 'Colunas',
    type: 'Tipo',
    missing: 'Vazios',
    distinct: 'Distintos',
    outliers: 'Atípicos',
    note: 'Observação',
    types: { id: 'identificador', target: 'alvo', consent: 'consentimento', treatment: 'tratamento', numeric: 'numérica', categorical: 'categoria', boolean: 'sim/não', date: 'data', text: 'texto', dropped: 'descartada' },
  },
  about: {
    heading: 'Sobre esta execução',
    dataset: 'Conjunto de dados',
    runId: 'Identificador da execução',
    created: 'Criada em',
    sourceFiles: 'Arquivos de origem',
    shape: 'Linhas × variáveis',
    timings: 'Tempos',
    step: 'Etapa',
    seconds: 'Segundos',
    total: 'Total',
  },
  segmentCharts: {
    profileAria: 'Perfis dos segmentos: pontuações z que os distinguem, por segmento e variável',
    silhouetteAria: 'Silhueta média por segmento',
    mapAria: 'Clientes nos dois primeiros componentes principais, coloridos por segmento',
    profiles: 'Perfis dos segmentos',
    profilesNote: 'Quanto a média de cada segmento se afasta do cliente médio, em desvios-padrão (z). Laranja: acima da média; azul: abaixo.',
    map: 'Mapa dos segmentos (PCA)',
    mapNote: (n, v) => `Cada ponto é um cliente (${n} exibidos); os dois eixos mantêm ${v} da variação dos dados. Segmentos que se sobrepõem aqui ainda podem diferir em variáveis que esta visão deixa de fora.`,
    silhouette: 'Silhueta por segmento',
    silhouetteNote: 'Perto de 1: os clientes estão bem dentro do seu segmento; perto de 0: na fronteira com outro; abaixo de 0: mais perto de outro segmento. A linha tracejada é a média de todos os clientes (de −1 a 1; quanto mais alta, mais bem separados).',
  },
  charts: {
    inertia: 'Inércia',
    meanSilhouette: 'Silhueta média',
    segmentCount: 'Número de segmentos (k)',
    chosenK: 'k escolhido = ',
    meanPredicted: 'Probabilidade média prevista',
    observedRate: 'Taxa observada',
    customers: 'Clientes',
    falsePositiveRate: 'Taxa de falsos positivos',
    truePositiveRate: 'Taxa de verdadeiros positivos',
    importance: 'Importância',
    component: (i, s) => (s === undefined ? `CP${i}` : `CP${i} (${s} da variância)`),
    segment: 'Segmento',
    zScore: 'pontuação z',
    previousRun: 'execução anterior',
    thisRun: 'esta execução',
    shareOfCustomers: 'Participação dos clientes',
    qiniShare: 'Parcela dos clientes reservados contatada (melhor estimativa primeiro)',
    qiniGain: 'Resultados desejados extras',
    qiniModel: (a) => `${a}: modelo`,
    qiniRandom: (a) => `${a}: ao acaso`,
  },
};

export const sectionWords: Record<SegmentLanguage, SectionWords> = { en, es, ru, pt };
