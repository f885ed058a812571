import type { Channel } from './types';
import { phraseLanguage } from './describeFeature';

/** What the sender's settings add to every message: who signs it and how a customer opts out. */
export interface MessagePolicy {
  /** Signs e-mails instead of "The team"; named in the unsubscribe line. */
  brandName?: string;
  /** The SMS opt-out keyword; "STOP" by default, "СТОП" in Russian. */
  smsOptOutKeyword?: string;
  /** Brand voice for the model's instructions ("warm, plain words, no exclamation marks"). */
  brandVoice?: string;
  /** Column names (any language) never sent to a model or used to choose words, besides the built-in list. */
  sensitiveAttributes?: readonly string[];
  /** Push: most characters of the title and of the body (settings; 50 and 178 when unset). */
  pushTitleMax?: number;
  pushBodyMax?: number;
}

/** The placeholder the sending tool replaces with the customer's own unsubscribe link. */
export const unsubscribePlaceholder = '{unsubscribeUrl}';

/**
 * The line every message of a channel ends with, in the message's language: an SMS opt-out keyword,
 * an e-mail's unsubscribe line with the link placeholder; none for push, whose opt-out is the
 * device's notification setting.
 */
export function complianceFooter(channel: Channel, language: string, policy: MessagePolicy = {}): string {
  const lang = phraseLanguage(language);
  if (channel === 'sms') {
    const keyword = policy.smsOptOutKeyword ?? (lang === 'ru' ? 'СТОП' : 'STOP');
    return { en: `Reply ${keyword} to opt out`, es: `Baja: responde ${keyword}`, pt: `Sair: responda ${keyword}`, ru: `Отписка: ${keyword}` }[lang];
  }
  if (channel === 'email') {
    const brand = policy.brandName;
    return {
      en: `${brand ? `You receive this because you agreed to hear from ${brand}. ` : ''}Unsubscribe: ${unsubscribePlaceholder}`,
      es: `${brand ? `Recibes este mensaje porque aceptaste recibir noticias de ${brand}. ` : ''}Darse de baja: ${unsubscribePlaceholder}`,
      pt: `${brand ? `Você recebe esta mensagem porque aceitou receber notícias de ${brand}. ` : ''}Cancelar inscrição: ${unsubscribePlaceholder}`,
      ru: `${brand ? `Вы получили это письмо, потому что согласились получать новости ${brand}. ` : ''}Отписаться: ${unsubscribePlaceholder}`,
    }[lang];
  }
  return '';
}

/** The message as sent: the writer's text and the compliance footer on its own line (a space in an SMS). */
export function withFooter(text: string, footer: string, channel: Channel): string {
  if (footer === '') return text;
  return channel === 'sms' ? `${text.trimEnd()} ${footer}` : `${text.trimEnd()}\n\n${footer}`;
}
