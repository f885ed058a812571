import type { FeatureTheme } from './describeFeature';

/** A statement about the customer and the evidence (a theme and side of their own values) that backs it. */
export interface ClaimMarker {
  claim: 'new' | 'loyal' | 'sorry' | 'come back';
  pattern: RegExp;
  /** Any one of these, held by the customer's own values, backs the claim. */
  evidence: { theme: FeatureTheme; side: 'high' | 'low' }[];
}

/** Words that make each claim, in English, Spanish, Russian and Portuguese. */
export const claimMarkers: readonly ClaimMarker[] = [
  {
    claim: 'new',
    pattern: /\bwelcome(?! back)\b|just joined|\bnew (here|customer|member)|bienvenid|acabas de llegar|reci[eé]n llegad|boas-vindas|bem-vind|chegou há pouco|добро пожаловать|совсем недавно|новичк|недавно с нами/iu,
    evidence: [{ theme: 'tenure', side: 'low' }],
  },
  {
    claim: 'loyal',
    pattern: /loyal|for so long|all this time|most regular|value most|valued customer|\bfiel(es)?\b|fiéis|fidelidad|tanto tiempo|todo este tiempo|más valoramos|muy valorado|tanto tempo|todo esse tempo|mais valorizamos|muito especial|постоянн|так долго|всё это время|уже давно|самых ценных|ценный клиент|верност|лояльн/iu,
    evidence: [
      { theme: 'tenure', side: 'high' },
      { theme: 'frequency', side: 'high' },
      { theme: 'spend', side: 'high' },
    ],
  },
  {
    claim: 'sorry',
    pattern: /sorry|apologi[sz]|not always gone smoothly|sentimos si|sentimos las molestias|disculp|perd[oó]n|no todo ha ido bien|desculp[ae]|lamentamos|nem tudo correu bem|простите|извин|к сожалению|не всё шло гладко/iu,
    evidence: [
      { theme: 'service', side: 'high' },
      { theme: 'satisfaction', side: 'low' },
    ],
  },
  {
    claim: 'come back',
    pattern: /miss(ed)? you|been a while|come back|welcome back|see you back|echamos de menos|extrañamos|hace tiempo que no|vuelve|volver a verte|sentimos sua falta|faz tempo|volte\b|de volta|соскучил|скучаем|не хватает|возвращайтесь|видеть вас снова|давно вас не было|давно ничего|давно не виделись/iu,
    evidence: [
      { theme: 'recency', side: 'high' },
      { theme: 'frequency', side: 'low' },
    ],
  },
];
