import type { MessagePrompt } from './buildMessagePrompt';
import { claimMarkers } from './claimMarkers';
import { detectLanguage } from './detectLanguage';
import { findPersonalData } from './findPersonalData';
import { findUnsuppliedContent } from './findUnsuppliedContent';
import { measureSms } from './measureSms';
import { withFooter } from './messagePolicy';
import type { DraftMessage } from './types';

/**
 * What is wrong with a draft, in words fit to send back to a model as feedback: length limits,
 * a missing or stray subject, personal data, the wrong language, content nobody supplied
 * (incentives, prices, percentages, codes, deadlines, links, phones, e-mails), claims the
 * customer's values do not back, echoed cell text or column names. Never quotes what it found.
 */
export function validateDraft(draft: DraftMessage, prompt: MessagePrompt): string[] {
  const problems: string[] = [];
  const text = draft.text.trim();
  if (text === '') problems.push('the text is empty');
  if (prompt.channel === 'sms') {
    // Billed parts of the text as sent (with its opt-out), by the encoding its characters need.
    const sms = measureSms(withFooter(text, prompt.footer, 'sms'));
    const maxParts = prompt.limits.maxParts ?? 1;
    if (sms.parts > maxParts) {
      problems.push(`with its opt-out the SMS takes ${sms.parts} parts in ${sms.encoding} (${sms.units} characters); at most ${maxParts} allowed, so the text may have about ${prompt.limits.text} characters`);
    }
  } else if (text.length > prompt.limits.text) {
    problems.push(`the text has ${text.length} characters; the limit for ${prompt.channel} is ${prompt.limits.text}`);
  }
  if (prompt.channel === 'push') {
    const title = draft.title?.trim() ?? '';
    if (title === '') problems.push('a push notification needs a title');
    else if (prompt.limits.title !== undefined && title.length > prompt.limits.title) {
      problems.push(`the title has ${title.length} characters; the limit is ${prompt.limits.title}`);
    }
  } else if (draft.title !== undefined) problems.push('only a push notification has a title');
  if (prompt.channel === 'email') {
    const subject = draft.subject?.trim() ?? '';
    if (subject === '') problems.push('an email needs a subject');
    else if (prompt.limits.subject !== undefined && subject.length > prompt.limits.subject) {
      problems.push(`the subject has ${subject.length} characters; the limit is ${prompt.limits.subject}`);
    }
  }
  // Every check below reads the title and subject with the body: each reaches the customer.
  const findings = findPersonalData(`${draft.subject ?? ''}\n${draft.title ?? ''}\n${text}`, {
    known: prompt.guard.personalValues,
    allowed: prompt.guard.allowedText,
  });
  if (findings.length > 0) {
    const kinds = [...new Set(findings.map((f) => (personalKind[f.kind])))];
    problems.push(`it contains personal data (${kinds.join(', ')}); greet generically and leave personal data out`);
  }
  if (/<\/?data>/i.test(text)) problems.push('it repeats the data section markers');
  const whole = `${draft.subject ?? ''}\n${draft.title ?? ''}\n${text}`;
  const expected = prompt.language.split('-')[0]!;
  const detected = detectLanguage(whole);
  if (detected !== undefined && detected !== expected) problems.push(`it is written in ${detected}, not in ${expected}; write it in ${expected}`);
  const unsupplied = findUnsuppliedContent(whole, prompt.guard.allowedText, { offerChosen: prompt.guard.offerChosen });
  if (unsupplied.length > 0) problems.push(`it mentions ${unsupplied.join(', ')} that nobody supplied; leave ${unsupplied.length > 1 ? 'them' : 'it'} out`);
  const terms = prompt.guard.offerTerms;
  if (terms !== undefined && !text.includes(terms)) {
    problems.push(`it does not quote the offer's terms word for word ("${terms}"); quote them exactly (if they do not fit, the channel's limit is too small for this offer)`);
  }
  const lowerWhole = whole.toLowerCase();
  if (prompt.guard.otherOffers.some((name) => lowerWhole.includes(name.trim().toLowerCase()))) {
    problems.push('it mentions an offer other than the one in the data section; promote only that one');
  }
  const backed = prompt.facts.customer.claims;
  for (const marker of claimMarkers) {
    if (!marker.pattern.test(whole)) continue;
    if (!marker.evidence.some((e) => backed.some((b) => b.theme === e.theme && b.side === e.side))) {
      problems.push(`it makes a "${marker.claim}" claim that the customer's data does not back; leave it out`);
    }
  }
  // The sender's own name is theirs to use, even when a customer's cell holds one of its words.
  const brand = prompt.brandName?.toLowerCase();
  const lower = brand ? whole.toLowerCase().split(brand).join(' ') : whole.toLowerCase();
  if (prompt.guard.echo.some((e) => lower.includes(e.toLowerCase()))) {
    problems.push("it repeats the customer's raw data or a column name; describe it in everyday words or leave it out");
  }
  if (/\{(?!unsubscribeUrl\})[^}]*\}/.test(whole)) problems.push('it contains a template placeholder');
  return problems;
}

const personalKind: Record<string, string> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  card: 'a card number',
  iban: 'a bank account number',
  known: 'a personal value of the customer',
};
