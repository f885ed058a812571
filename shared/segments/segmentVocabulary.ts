/*
 * A word table, past 250 lines on purpose: the words segment names and actions are built from, in
 * each language, side by side so a translation is checked against its English.
 */
import type { Goal } from '../ingest/Schema';
import type { ThemeId } from './featureThemes';
import type { SegmentLanguage } from './segmentLanguage';

/** Names by where a segment stands on risk and value (the core of every name). */
export interface NameCores {
  highValueHigh: string;
  highValueLow: string;
  high: string;
  lowValueHigh: string;
  low: string;
  highValue: string;
  lowValue: string;
  typical: string;
}

/** The parts an action is composed of: what, with which incentive, through which channel and when, what to lead with, and the hypothesis. */
export interface ActionParts {
  what: { high: string; mid: string; low: string };
  incentive: { high: string; mid: string; low: string };
  channel: { active: string; mid: string; inactive: string };
  /** "lead with …" per theme; `default` when nothing themed stands out. */
  lead: (focus: string) => string;
  focus: Record<ThemeId | 'default', string>;
  /** The expected effect as a hypothesis, for a segment at high/average risk and at low risk. */
  hypothesis: { high: string; low: string };
  /** Told apart when two segments would otherwise get one action: what the test compares. */
  variants: string[];
}

export interface SegmentVocabulary {
  cores: Record<Goal, NameCores>;
  /** A theme's words for a segment above (high) or below (low) the average customer. */
  themes: Record<ThemeId, { high: string; low: string }>;
  actions: Record<Goal, ActionParts>;
}

const en: SegmentVocabulary = {
  cores: {
    churn: { highValueHigh: 'High-value at risk', highValueLow: 'Loyal high-value', high: 'At risk', lowValueHigh: 'Low-value drifting away', low: 'Steady customers', highValue: 'High-value', lowValue: 'Low-value', typical: 'Typical customers' },
    conversion: { highValueHigh: 'High-value likely buyers', highValueLow: 'High-value, not ready to buy', high: 'Likely buyers', lowValueHigh: 'Low-value likely buyers', low: 'Unlikely to buy now', highValue: 'High-value', lowValue: 'Low-value', typical: 'Typical customers' },
    neutral: { highValueHigh: 'High-value, higher likelihood', highValueLow: 'High-value, lower likelihood', high: 'Higher likelihood', lowValueHigh: 'Low-value, higher likelihood', low: 'Lower likelihood', highValue: 'High-value', lowValue: 'Low-value', typical: 'Typical customers' },
  },
  themes: {
    discount: { high: 'bargain hunters', low: 'full-price buyers' },
    issues: { high: 'with service issues', low: 'trouble-free' },
    satisfaction: { high: 'satisfied', low: 'dissatisfied' },
    categories: { high: 'broad browsers', low: 'focused browsers' },
    contacts: { high: 'often contacted', low: 'rarely contacted' },
    engagement: { high: 'engaged', low: 'disengaged' },
    tenure: { high: 'long-standing', low: 'newer' },
    recency: { high: 'lapsing', low: 'recently active' },
    frequency: { high: 'frequent buyers', low: 'occasional buyers' },
    spend: { high: 'big spenders', low: 'light spenders' },
    age: { high: 'older', low: 'younger' },
  },
  actions: {
    churn: {
      what: { high: 'Retention offer', mid: 'Check-in with a next-best offer', low: 'Loyalty reward and referral invitation' },
      incentive: { high: ' with a personal touch (account manager or tailored offer)', mid: ' with a standard incentive', low: ' at low cost (a small voucher at most)' },
      channel: { active: 'in-app or by e-mail within 48 hours of their next visit', mid: 'by e-mail in the next weekly campaign', inactive: 'by phone or SMS this week, before they lapse further' },
      lead: (f) => `lead with ${f}`,
      focus: {
        discount: 'a time-limited promotion in their usual range', issues: 'fixing their open issue first', satisfaction: 'asking what would improve their experience',
        categories: 'picks from the categories they browse', contacts: 'fewer, better-timed contacts', engagement: 'content that brings them back to the site or app',
        tenure: 'thanks for how long they have been with you', recency: 'a reminder of what they last bought', frequency: 'a bundle for their next order',
        spend: 'offers matched to what they spend', age: 'offers suited to their life stage', default: 'the products they use most',
      },
      hypothesis: { high: 'Hypothesis to test: fewer of them leave within 90 days than in a 10 % hold-out group.', low: 'Hypothesis to test: they spend more over 90 days than a 10 % hold-out group, and no more of them leave.' },
      variants: ['Compare the offer with a plain reminder.', 'Compare two incentive sizes.', 'Compare morning and evening sends.', 'Compare e-mail with SMS.'],
    },
    conversion: {
      what: { high: 'Invitation to buy', mid: 'Standard campaign offer', low: 'Light-touch content, no offer yet' },
      incentive: { high: ' with a personal, tailored offer', mid: ' with a standard incentive', low: ' at low cost (no discount)' },
      channel: { active: 'in-app or by e-mail within 48 hours of their next visit', mid: 'by e-mail in the next campaign', inactive: 'by phone or SMS this week' },
      lead: (f) => `lead with ${f}`,
      focus: {
        discount: 'a time-limited promotion', issues: 'reassurance about service and support', satisfaction: 'what customers like them rate highly',
        categories: 'picks from the categories they browse', contacts: 'one well-timed contact instead of several', engagement: 'content matched to what they view',
        tenure: 'thanks for how long they have been with you', recency: 'a reminder of their last visit', frequency: 'a bundle for their next order',
        spend: 'offers matched to what they spend', age: 'offers suited to their life stage', default: 'the offer that fits their profile',
      },
      hypothesis: { high: 'Hypothesis to test: more of them buy within 30 days than in a 10 % hold-out group.', low: 'Hypothesis to test: the content lifts their response in the next campaign versus a 10 % hold-out group.' },
      variants: ['Compare the offer with a plain invitation.', 'Compare two incentive sizes.', 'Compare morning and evening sends.', 'Compare e-mail with SMS.'],
    },
    neutral: {
      what: { high: 'Targeted test action', mid: 'Standard communication', low: 'Regular relevant content' },
      incentive: { high: ' worth a meaningful budget', mid: ' with a standard budget', low: ' at low cost' },
      channel: { active: 'in-app or by e-mail within 48 hours of their next visit', mid: 'by e-mail in the next campaign', inactive: 'by phone or SMS this week' },
      lead: (f) => `lead with ${f}`,
      focus: {
        discount: 'a time-limited promotion', issues: 'resolving their open issues', satisfaction: 'asking about their experience',
        categories: 'picks from the categories they browse', contacts: 'fewer, better-timed contacts', engagement: 'content matched to what they view',
        tenure: 'thanks for how long they have been with you', recency: 'a reminder of their last visit', frequency: 'a bundle for their next order',
        spend: 'offers matched to what they spend', age: 'offers suited to their life stage', default: 'what sets them apart',
      },
      hypothesis: { high: 'Hypothesis to test: the outcome rate moves versus a 10 % hold-out group within 60 days.', low: 'Hypothesis to test: engagement rises versus a 10 % hold-out group within 60 days.' },
      variants: ['Compare the action with a plain reminder.', 'Compare two budget levels.', 'Compare morning and evening sends.', 'Compare e-mail with SMS.'],
    },
  },
};

const es: SegmentVocabulary = {
  cores: {
    churn: { highValueHigh: 'Alto valor en riesgo', highValueLow: 'Fieles de alto valor', high: 'En riesgo', lowValueHigh: 'Bajo valor alejándose', low: 'Clientes estables', highValue: 'Alto valor', lowValue: 'Bajo valor', typical: 'Clientes típicos' },
    conversion: { highValueHigh: 'Compradores probables de alto valor', highValueLow: 'Alto valor, aún sin intención de compra', high: 'Compradores probables', lowValueHigh: 'Compradores probables de bajo valor', low: 'Poco probables ahora', highValue: 'Alto valor', lowValue: 'Bajo valor', typical: 'Clientes típicos' },
    neutral: { highValueHigh: 'Alto valor, más probable', highValueLow: 'Alto valor, menos probable', high: 'Más probable', lowValueHigh: 'Bajo valor, más probable', low: 'Menos probable', highValue: 'Alto valor', lowValue: 'Bajo valor', typical: 'Clientes típicos' },
  },
  themes: {
    discount: { high: 'cazadores de ofertas', low: 'compran a precio completo' },
    issues: { high: 'con incidencias', low: 'sin incidencias' },
    satisfaction: { high: 'satisfechos', low: 'insatisfechos' },
    categories: { high: 'exploran muchas categorías', low: 'intereses concretos' },
    contacts: { high: 'contactados a menudo', low: 'poco contactados' },
    engagement: { high: 'muy implicados', low: 'poco implicados' },
    tenure: { high: 'veteranos', low: 'recientes' },
    recency: { high: 'sin actividad reciente', low: 'activos recientemente' },
    frequency: { high: 'compradores frecuentes', low: 'compradores ocasionales' },
    spend: { high: 'gastan mucho', low: 'gastan poco' },
    age: { high: 'mayores', low: 'más jóvenes' },
  },
  actions: {
    churn: {
      what: { high: 'Oferta de retención', mid: 'Contacto de seguimiento con la siguiente mejor oferta', low: 'Recompensa de fidelidad e invitación a recomendar' },
      incentive: { high: ' con trato personal (gestor o oferta a medida)', mid: ' con un incentivo estándar', low: ' de bajo coste (como mucho un pequeño vale)' },
      channel: { active: 'en la app o por correo en las 48 horas siguientes a su próxima visita', mid: 'por correo en la próxima campaña semanal', inactive: 'por teléfono o SMS esta semana, antes de que se alejen más' },
      lead: (f) => `empezando por ${f}`,
      focus: {
        discount: 'una promoción por tiempo limitado en su gama habitual', issues: 'resolver primero su incidencia abierta', satisfaction: 'preguntar qué mejoraría su experiencia',
        categories: 'sugerencias de las categorías que exploran', contacts: 'menos contactos y mejor elegidos', engagement: 'contenido que les haga volver a la web o la app',
        tenure: 'agradecer el tiempo que llevan con ustedes', recency: 'un recordatorio de su última compra', frequency: 'un paquete para su próximo pedido',
        spend: 'ofertas acordes a su gasto', age: 'ofertas adecuadas a su etapa de vida', default: 'los productos que más usan',
      },
      hypothesis: { high: 'Hipótesis a probar: se van menos en 90 días que en un grupo de control del 10 %.', low: 'Hipótesis a probar: gastan más en 90 días que un grupo de control del 10 %, sin que se vayan más.' },
      variants: ['Comparar la oferta con un simple recordatorio.', 'Comparar dos tamaños de incentivo.', 'Comparar envíos de mañana y de tarde.', 'Comparar correo con SMS.'],
    },
    conversion: {
      what: { high: 'Invitación a comprar', mid: 'Oferta estándar de campaña', low: 'Contenido ligero, aún sin oferta' },
      incentive: { high: ' con una oferta personal a medida', mid: ' con un incentivo estándar', low: ' de bajo coste (sin descuento)' },
      channel: { active: 'en la app o por correo en las 48 horas siguientes a su próxima visita', mid: 'por correo en la próxima campaña', inactive: 'por teléfono o SMS esta semana' },
      lead: (f) => `empezando por ${f}`,
      focus: {
        discount: 'una promoción por tiempo limitado', issues: 'garantías sobre el servicio y la atención', satisfaction: 'lo que más valoran clientes como ellos',
        categories: 'sugerencias de las categorías que exploran', contacts: 'un solo contacto bien elegido en lugar de varios', engagement: 'contenido acorde a lo que ven',
        tenure: 'agradecer el tiempo que llevan con ustedes', recency: 'un recordatorio de su última visita', frequency: 'un paquete para su próximo pedido',
        spend: 'ofertas acordes a su gasto', age: 'ofertas adecuadas a su etapa de vida', default: 'la oferta que encaja con su perfil',
      },
      hypothesis: { high: 'Hipótesis a probar: compran más en 30 días que un grupo de control del 10 %.', low: 'Hipótesis a probar: el contenido mejora su respuesta en la próxima campaña frente a un grupo de control del 10 %.' },
      variants: ['Comparar la oferta con una simple invitación.', 'Comparar dos tamaños de incentivo.', 'Comparar envíos de mañana y de tarde.', 'Comparar correo con SMS.'],
    },
    neutral: {
      what: { high: 'Acción de prueba dirigida', mid: 'Comunicación estándar', low: 'Contenido relevante habitual' },
      incentive: { high: ' con un presupuesto significativo', mid: ' con un presupuesto estándar', low: ' de bajo coste' },
      channel: { active: 'en la app o por correo en las 48 horas siguientes a su próxima visita', mid: 'por correo en la próxima campaña', inactive: 'por teléfono o SMS esta semana' },
      lead: (f) => `empezando por ${f}`,
      focus: {
        discount: 'una promoción por tiempo limitado', issues: 'resolver sus incidencias', satisfaction: 'preguntar por su experiencia',
        categories: 'sugerencias de las categorías que exploran', contacts: 'menos contactos y mejor elegidos', engagement: 'contenido acorde a lo que ven',
        tenure: 'agradecer el tiempo que llevan con ustedes', recency: 'un recordatorio de su última visita', frequency: 'un paquete para su próximo pedido',
        spend: 'ofertas acordes a su gasto', age: 'ofertas adecuadas a su etapa de vida', default: 'lo que los distingue',
      },
      hypothesis: { high: 'Hipótesis a probar: la tasa del resultado cambia frente a un grupo de control del 10 % en 60 días.', low: 'Hipótesis a probar: la implicación sube frente a un grupo de control del 10 % en 60 días.' },
      variants: ['Comparar la acción con un simple recordatorio.', 'Comparar dos niveles de presupuesto.', 'Comparar envíos de mañana y de tarde.', 'Comparar correo con SMS.'],
    },
  },
};

const ru: SegmentVocabulary = {
  cores: {
    churn: { highValueHigh: 'Ценные под угрозой ухода', highValueLow: 'Лояльные ценные', high: 'Под угрозой ухода', lowValueHigh: 'Малоценные, уходящие', low: 'Стабильные клиенты', highValue: 'Ценные', lowValue: 'Малоценные', typical: 'Типичные клиенты' },
    conversion: { highValueHigh: 'Ценные, готовы купить', highValueLow: 'Ценные, пока не готовы купить', high: 'Готовы купить', lowValueHigh: 'Малоценные, готовы купить', low: 'Вряд ли купят сейчас', highValue: 'Ценные', lowValue: 'Малоценные', typical: 'Типичные клиенты' },
    neutral: { highValueHigh: 'Ценные, вероятность выше', highValueLow: 'Ценные, вероятность ниже', high: 'Вероятность выше', lowValueHigh: 'Малоценные, вероятность выше', low: 'Вероятность ниже', highValue: 'Ценные', lowValue: 'Малоценные', typical: 'Типичные клиенты' },
  },
  themes: {
    discount: { high: 'охотники за скидками', low: 'покупают без скидок' },
    issues: { high: 'с проблемами в сервисе', low: 'без проблем' },
    satisfaction: { high: 'довольные', low: 'недовольные' },
    categories: { high: 'смотрят много категорий', low: 'узкие интересы' },
    contacts: { high: 'часто на связи', low: 'редко на связи' },
    engagement: { high: 'вовлечённые', low: 'невовлечённые' },
    tenure: { high: 'давние', low: 'недавние' },
    recency: { high: 'давно без покупок', low: 'недавно активные' },
    frequency: { high: 'частые покупатели', low: 'редкие покупатели' },
    spend: { high: 'много тратят', low: 'мало тратят' },
    age: { high: 'старшего возраста', low: 'моложе' },
  },
  actions: {
    churn: {
      what: { high: 'Удерживающее предложение', mid: 'Напоминание со следующим подходящим предложением', low: 'Бонус за лояльность и приглашение рекомендовать друзьям' },
      incentive: { high: ' с личным подходом (персональный менеджер или индивидуальное предложение)', mid: ' со стандартным стимулом', low: ' с низкими затратами (не больше небольшого купона)' },
      channel: { active: 'в приложении или по e-mail в течение 48 часов после их следующего визита', mid: 'по e-mail в ближайшей еженедельной рассылке', inactive: 'звонком или SMS на этой неделе, пока они не ушли дальше' },
      lead: (f) => `начать с того, чтобы ${f}`,
      focus: {
        discount: 'предложить ограниченную по времени акцию в их привычном ассортименте', issues: 'сначала решить их открытую проблему', satisfaction: 'спросить, что улучшит их опыт',
        categories: 'подобрать товары из категорий, которые они смотрят', contacts: 'сократить число контактов и лучше выбрать время', engagement: 'дать повод вернуться на сайт или в приложение',
        tenure: 'поблагодарить за то, что они давно с вами', recency: 'напомнить об их последней покупке', frequency: 'предложить набор к следующему заказу',
        spend: 'подобрать предложения по их уровню трат', age: 'подобрать предложения по их этапу жизни', default: 'предложить то, чем они пользуются чаще всего',
      },
      hypothesis: { high: 'Гипотеза для проверки: за 90 дней из них уходит меньше, чем в контрольной группе 10 %.', low: 'Гипотеза для проверки: за 90 дней они тратят больше контрольной группы 10 %, а уходят не чаще.' },
      variants: ['Сравнить предложение с простым напоминанием.', 'Сравнить два размера стимула.', 'Сравнить утреннюю и вечернюю отправку.', 'Сравнить e-mail и SMS.'],
    },
    conversion: {
      what: { high: 'Приглашение к покупке', mid: 'Стандартное предложение кампании', low: 'Полезный контент, пока без предложения' },
      incentive: { high: ' с личным индивидуальным предложением', mid: ' со стандартным стимулом', low: ' с низкими затратами (без скидки)' },
      channel: { active: 'в приложении или по e-mail в течение 48 часов после их следующего визита', mid: 'по e-mail в ближайшей кампании', inactive: 'звонком или SMS на этой неделе' },
      lead: (f) => `начать с того, чтобы ${f}`,
      focus: {
        discount: 'предложить ограниченную по времени акцию', issues: 'рассказать о сервисе и поддержке', satisfaction: 'показать, что ценят похожие клиенты',
        categories: 'подобрать товары из категорий, которые они смотрят', contacts: 'связаться один раз в удачное время вместо нескольких', engagement: 'подобрать контент по тому, что они смотрят',
        tenure: 'поблагодарить за то, что они давно с вами', recency: 'напомнить об их последнем визите', frequency: 'предложить набор к следующему заказу',
        spend: 'подобрать предложения по их уровню трат', age: 'подобрать предложения по их этапу жизни', default: 'предложить то, что подходит их профилю',
      },
      hypothesis: { high: 'Гипотеза для проверки: за 30 дней из них покупает больше, чем в контрольной группе 10 %.', low: 'Гипотеза для проверки: контент повышает их отклик в следующей кампании по сравнению с контрольной группой 10 %.' },
      variants: ['Сравнить предложение с простым приглашением.', 'Сравнить два размера стимула.', 'Сравнить утреннюю и вечернюю отправку.', 'Сравнить e-mail и SMS.'],
    },
    neutral: {
      what: { high: 'Целевое тестовое действие', mid: 'Стандартная коммуникация', low: 'Регулярный полезный контент' },
      incentive: { high: ' с заметным бюджетом', mid: ' со стандартным бюджетом', low: ' с низкими затратами' },
      channel: { active: 'в приложении или по e-mail в течение 48 часов после их следующего визита', mid: 'по e-mail в ближайшей кампании', inactive: 'звонком или SMS на этой неделе' },
      lead: (f) => `начать с того, чтобы ${f}`,
      focus: {
        discount: 'предложить ограниченную по времени акцию', issues: 'решить их открытые проблемы', satisfaction: 'спросить об их опыте',
        categories: 'подобрать товары из категорий, которые они смотрят', contacts: 'сократить число контактов и лучше выбрать время', engagement: 'подобрать контент по тому, что они смотрят',
        tenure: 'поблагодарить за то, что они давно с вами', recency: 'напомнить об их последнем визите', frequency: 'предложить набор к следующему заказу',
        spend: 'подобрать предложения по их уровню трат', age: 'подобрать предложения по их этапу жизни', default: 'опереться на то, чем они выделяются',
      },
      hypothesis: { high: 'Гипотеза для проверки: за 60 дней доля исхода меняется по сравнению с контрольной группой 10 %.', low: 'Гипотеза для проверки: за 60 дней вовлечённость растёт по сравнению с контрольной группой 10 %.' },
      variants: ['Сравнить действие с простым напоминанием.', 'Сравнить два уровня бюджета.', 'Сравнить утреннюю и вечернюю отправку.', 'Сравнить e-mail и SMS.'],
    },
  },
};

const pt: SegmentVocabulary = {
  cores: {
    churn: { highValueHigh: 'Alto valor em risco', highValueLow: 'Fiéis de alto valor', high: 'Em risco', lowValueHigh: 'Baixo valor se afastando', low: 'Clientes estáveis', highValue: 'Alto valor', lowValue: 'Baixo valor', typical: 'Clientes típicos' },
    conversion: { highValueHigh: 'Compradores prováveis de alto valor', highValueLow: 'Alto valor, ainda sem intenção de compra', high: 'Compradores prováveis', lowValueHigh: 'Compradores prováveis de baixo valor', low: 'Pouco prováveis agora', highValue: 'Alto valor', lowValue: 'Baixo valor', typical: 'Clientes típicos' },
    neutral: { highValueHigh: 'Alto valor, mais provável', highValueLow: 'Alto valor, menos provável', high: 'Mais provável', lowValueHigh: 'Baixo valor, mais provável', low: 'Menos provável', highValue: 'Alto valor', lowValue: 'Baixo valor', typical: 'Clientes típicos' },
  },
  themes: {
    discount: { high: 'caçadores de ofertas', low: 'compram a preço cheio' },
    issues: { high: 'com problemas de serviço', low: 'sem problemas' },
    satisfaction: { high: 'satisfeitos', low: 'insatisfeitos' },
    categories: { high: 'exploram muitas categorias', low: 'interesses específicos' },
    contacts: { high: 'contatados com frequência', low: 'pouco contatados' },
    engagement: { high: 'engajados', low: 'pouco engajados' },
    tenure: { high: 'antigos', low: 'recentes' },
    recency: { high: 'sem atividade recente', low: 'ativos recentemente' },
    frequency: { high: 'compradores frequentes', low: 'compradores ocasionais' },
    spend: { high: 'gastam muito', low: 'gastam pouco' },
    age: { high: 'mais velhos', low: 'mais jovens' },
  },
  actions: {
    churn: {
      what: { high: 'Oferta de retenção', mid: 'Contato de acompanhamento com a próxima melhor oferta', low: 'Recompensa de fidelidade e convite para indicar amigos' },
      incentive: { high: ' com atendimento pessoal (gerente ou oferta sob medida)', mid: ' com um incentivo padrão', low: ' de baixo custo (no máximo um pequeno cupom)' },
      channel: { active: 'no app ou por e-mail até 48 horas após a próxima visita', mid: 'por e-mail na próxima campanha semanal', inactive: 'por telefone ou SMS nesta semana, antes que se afastem mais' },
      lead: (f) => `começando por ${f}`,
      focus: {
        discount: 'uma promoção por tempo limitado na faixa habitual deles', issues: 'resolver primeiro o problema em aberto', satisfaction: 'perguntar o que melhoraria a experiência',
        categories: 'sugestões das categorias que exploram', contacts: 'menos contatos, em horários melhores', engagement: 'conteúdo que os traga de volta ao site ou app',
        tenure: 'agradecer o tempo que estão com vocês', recency: 'um lembrete da última compra', frequency: 'um pacote para o próximo pedido',
        spend: 'ofertas de acordo com o gasto', age: 'ofertas adequadas à fase de vida', default: 'os produtos que mais usam',
      },
      hypothesis: { high: 'Hipótese a testar: menos deles saem em 90 dias do que num grupo de controle de 10 %.', low: 'Hipótese a testar: gastam mais em 90 dias do que um grupo de controle de 10 %, sem que mais deles saiam.' },
      variants: ['Comparar a oferta com um simples lembrete.', 'Comparar dois tamanhos de incentivo.', 'Comparar envios de manhã e à noite.', 'Comparar e-mail com SMS.'],
    },
    conversion: {
      what: { high: 'Convite para comprar', mid: 'Oferta padrão de campanha', low: 'Conteúdo leve, ainda sem oferta' },
      incentive: { high: ' com uma oferta pessoal sob medida', mid: ' com um incentivo padrão', low: ' de baixo custo (sem desconto)' },
      channel: { active: 'no app ou por e-mail até 48 horas após a próxima visita', mid: 'por e-mail na próxima campanha', inactive: 'por telefone ou SMS nesta semana' },
      lead: (f) => `começando por ${f}`,
      focus: {
        discount: 'uma promoção por tempo limitado', issues: 'garantias sobre o serviço e o suporte', satisfaction: 'o que clientes parecidos mais valorizam',
        categories: 'sugestões das categorias que exploram', contacts: 'um único contato bem escolhido em vez de vários', engagement: 'conteúdo de acordo com o que veem',
        tenure: 'agradecer o tempo que estão com vocês', recency: 'um lembrete da última visita', frequency: 'um pacote para o próximo pedido',
        spend: 'ofertas de acordo com o gasto', age: 'ofertas adequadas à fase de vida', default: 'a oferta que combina com o perfil',
      },
      hypothesis: { high: 'Hipótese a testar: mais deles compram em 30 dias do que num grupo de controle de 10 %.', low: 'Hipótese a testar: o conteúdo melhora a resposta na próxima campanha frente a um grupo de controle de 10 %.' },
      variants: ['Comparar a oferta com um simples convite.', 'Comparar dois tamanhos de incentivo.', 'Comparar envios de manhã e à noite.', 'Comparar e-mail com SMS.'],
    },
    neutral: {
      what: { high: 'Ação de teste direcionada', mid: 'Comunicação padrão', low: 'Conteúdo relevante regular' },
      incentive: { high: ' com um orçamento significativo', mid: ' com um orçamento padrão', low: ' de baixo custo' },
      channel: { active: 'no app ou por e-mail até 48 horas após a próxima visita', mid: 'por e-mail na próxima campanha', inactive: 'por telefone ou SMS nesta semana' },
      lead: (f) => `começando por ${f}`,
      focus: {
        discount: 'uma promoção por tempo limitado', issues: 'resolver os problemas em aberto', satisfaction: 'perguntar sobre a experiência',
        categories: 'sugestões das categorias que exploram', contacts: 'menos contatos, em horários melhores', engagement: 'conteúdo de acordo com o que veem',
        tenure: 'agradecer o tempo que estão com vocês', recency: 'um lembrete da última visita', frequency: 'um pacote para o próximo pedido',
        spend: 'ofertas de acordo com o gasto', age: 'ofertas adequadas à fase de vida', default: 'o que os distingue',
      },
      hypothesis: { high: 'Hipótese a testar: a taxa do resultado muda frente a um grupo de controle de 10 % em 60 dias.', low: 'Hipótese a testar: o engajamento sobe frente a um grupo de controle de 10 % em 60 dias.' },
      variants: ['Comparar a ação com um simples lembrete.', 'Comparar dois níveis de orçamento.', 'Comparar envios de manhã e à noite.', 'Comparar e-mail com SMS.'],
    },
  },
};

/** The words segment names and actions are made of, in each language a report can speak. */
export const segmentVocabulary: Record<SegmentLanguage, SegmentVocabulary> = { en, es, ru, pt };
