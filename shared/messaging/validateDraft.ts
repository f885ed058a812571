import type { MessagePrompt } from './buildMessagePrompt';
import { findPersonalData } from './findPersonalData';
import type { DraftMessage } from './types';

/**
 * What is wrong with a draft, in words fit to send back to a model as feedback: length limits,
 * a missing or stray subject, personal data. Never quotes the personal data it found.
 */
export function validateDraft(draft: DraftMessage, prompt: MessagePrompt): string[] {
  const problems: string[] = [];
  const text = draft.text.trim();
  if (text === '') problems.push('the text is empty');
  if (text.length > prompt.limits.text) {
    problems.push(`the text has ${text.length} characters; the limit for ${prompt.channel} is ${prompt.limits.text}`);
  }
  if (prompt.channel === 'email') {
    const subject = draft.subject?.trim() ?? '';
    if (subject === '') problems.push('an email needs a subject');
    else if (prompt.limits.subject !== undefined && subject.length > prompt.limits.subject) {
      problems.push(`the subject has ${subject.length} characters; the limit is ${prompt.limits.subject}`);
    }
  }
  const findings = findPersonalData(`${draft.subject ?? ''}\n${text}`, {
    known: prompt.guard.personalValues,
    allowed: prompt.guard.allowedText,
  });
  if (findings.length > 0) {
    const kinds = [...new Set(findings.map((f) => (personalKind[f.kind])))];
    problems.push(`it contains personal data (${kinds.join(', ')}); greet generically and leave personal data out`);
  }
  if (/<\/?data>/i.test(text)) problems.push('it repeats the data section markers');
  return problems;
}

const personalKind: Record<string, string> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  card: 'a card number',
  iban: 'a bank account number',
  known: 'a personal value of the customer',
};
