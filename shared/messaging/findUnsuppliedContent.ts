/**
 * Content a message may carry only when the request or the offer catalogue supplied it: incentives
 * (discounts, gifts, rewards, bonuses, free items, codes, surprises), prices and percentages,
 * deadlines, links, phone numbers and e-mail addresses. Words are matched in English, Spanish,
 * Russian and Portuguese; `allowed` is the supplied text, whose own words and figures are fine, and
 * a chosen offer lets the message speak of it as a gift or a reward.
 */
export function findUnsuppliedContent(text: string, allowed: readonly string[] = [], options: { offerChosen?: boolean } = {}): string[] {
  const supplied = allowed.join('\n').toLowerCase();
  const found: string[] = [];
  for (const [kind, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) {
      const m = match[0].toLowerCase().trim();
      // A chosen offer authorises speaking of an incentive; its figures and dates must still be its own.
      if (supplied.includes(m) || (kind === 'an incentive' && options.offerChosen)) continue;
      found.push(kind);
      break;
    }
  }
  return [...new Set(found)];
}

const patterns: [string, RegExp][] = [
  [
    'an incentive',
    /\b(discount\w*|coupon\w*|voucher\w*|promo(tion)?s?|promo ?codes?|gifts?|rewards?|bonus\w*|free|freebies?|cashback|points|surprises?|treats?|deals?|offers?|perks?|descuento\w*|cup[oó]n\w*|regalos?|recompensas?|bonos?|bonifica\w*|gratis|gratuit[oa]s?|sorpresas?|premios?|ofertas?|promoci\w*|puntos|desconto\w*|cupo(m|ns)|presentes?|b[oô]nus|gr[aá]tis|surpresas?|pr[eê]mios?|promo[cç]\w*|pontos)\b|скидк\w*|купон\w*|промокод\w*|подар\w*|бонус\w*|балл\w*|кешб[эе]к\w*|кэшб[эе]к\w*|бесплатн\w*|сюрприз\w*|наград\w*|акци[яийю]\w*|выгодн\w*/giu,
  ],
  ['a code', /\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{5,}\b|\b(code|código|codigo)\b|\bкод\b/gu],
  ['a price', /[$€£₽¥]\s?\d|\d[\d.,\s]*\s?([$€£₽¥]|(руб\w*|usd|eur|euros?|d[oó]lar\w*|reais|real)\b)/giu],
  ['a percentage', /\d\s?%|\bpercent\b|\bpor ?ciento\b|\bpor ?cento\b|процент/giu],
  [
    'a deadline',
    /\b(today only|ends (today|tonight|soon)|expires?|last chance|limited time|hurry|until (monday|tuesday|wednesday|thursday|friday|saturday|sunday|midnight)|solo hoy|s[oó] hoje|termina (hoy|hoje|pronto)|expira|[uú]ltima (oportunidad|chance)|por tiempo limitado|por tempo limitado|date prisa|corre)\b|только сегодня|успейте|последний шанс|ограниченное время|до конца (дня|недели|месяца)|истекает/giu,
  ],
  ['a link', /\bhttps?:\/\/|\bwww\.|\b[a-z0-9-]+\.(com|net|org|ru|es|pt|br|io|co|info|biz|shop|store)\b/giu],
  ['an e-mail address', /[^\s@]+@[^\s@]+\.[^\s@]+/gu],
  ['a phone number', /\+?\d[\d\s().-]{6,}\d/gu],
];
