import { bufferSource } from '../../../shared/ingest/fileSource';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import { customerConsent } from '../../../shared/roles/customerConsent';

/** A small customer file with one consent-like column: ids c1…cN, two numeric features. */
function file(header: string, cells: string[]): string {
  const lines = [`customer_id,${JSON.stringify(header)},spend_monthly,visits`];
  cells.forEach((cell, i) => lines.push(`c${i + 1},${cell},${(10 + i * 3.5).toFixed(2)},${(i * 7) % 11}`));
  return lines.join('\n') + '\n';
}

async function consentOf(header: string, cells: string[], manifest?: unknown) {
  const loaded = await buildCustomerTable([bufferSource('c.csv', Buffer.from(file(header, cells)))], manifest ? parseManifest(manifest) : undefined);
  const flags = Array.from(customerConsent(loaded.table, loaded.schema), (v) => v === 1);
  return { flags, loaded };
}

const cells = ['yes', 'no', 'yes', 'yes', 'no', 'no', 'yes', 'no'];

describe('consent is read so that a mistake never sends a message', () => {
  test('an opt-in column: yes = may be contacted, and it is never a feature', async () => {
    const { flags, loaded } = await consentOf('marketing_opt_in', cells);
    expect(flags).toEqual([true, false, true, true, false, false, true, false]);
    expect(loaded.schema.roles.consent).toMatchObject({ column: 'marketing_opt_in', mode: 'column', polarity: 'opt-in', consenting: 4, notConsenting: 4, unreadable: 0 });
    expect([...loaded.schema.numeric, ...loaded.schema.boolean, ...loaded.schema.categorical]).not.toContain('marketing_opt_in');
    expect(loaded.quality.excluded).toContainEqual({ column: 'marketing_opt_in', reason: 'consent: never a feature' });
  });

  test.each([['do_not_contact'], ['DoNotCall'], ['unsubscribed'], ['email_opt_out'], ['Отказ от рассылки'], ['no_contactar'], ['nao_contatar']])(
    'an opt-out column (%s) inverts: yes = do not contact',
    async (header) => {
      const { flags, loaded } = await consentOf(header, cells);
      expect(flags).toEqual([false, true, false, false, true, true, false, true]);
      expect(loaded.schema.roles.consent.polarity).toBe('opt-out');
    },
  );

  test('unreadable cells mean no consent for that customer, counted with examples', async () => {
    const { flags, loaded } = await consentOf('consent', ['yes', 'maybe', 'Y', '', 'ask later', 'no', '1', 'TRUE']);
    expect(flags).toEqual([true, false, true, false, false, false, true, true]);
    expect(loaded.schema.roles.consent).toMatchObject({ consenting: 4, notConsenting: 1, unreadable: 3 });
    expect(loaded.schema.roles.consent.unreadableValues).toEqual(expect.arrayContaining(['maybe', 'ask later']));
  });

  test('an opt-out column whose cells cannot be read consents nobody (never its most frequent value)', async () => {
    const { flags } = await consentOf('opt_out', ['?', '?', '?', 'n/a?', '?', '?', '?', 'yes']);
    expect(flags).toEqual([false, false, false, false, false, false, false, false]);
  });

  test('a majority of "no" stays no', async () => {
    const { flags } = await consentOf('newsletter_consent', ['no', 'no', 'no', 'no', 'no', 'no', 'no', 'yes']);
    expect(flags).toEqual([false, false, false, false, false, false, false, true]);
  });

  test('no consent column: nobody consents, and the decision says so; "all" in the manifest: everybody', async () => {
    const text = 'customer_id,spend_monthly,visits\n' + Array.from({ length: 8 }, (_, i) => `c${i},${i * 2.5 + 1},${i % 3}`).join('\n') + '\n';
    const none = await buildCustomerTable([bufferSource('c.csv', Buffer.from(text))]);
    expect(Array.from(customerConsent(none.table, none.schema))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(none.schema.roles.consent).toMatchObject({ mode: 'none', column: null, confidence: 'none' });
    const all = await buildCustomerTable([bufferSource('c.csv', Buffer.from(text))], parseManifest({ consent: 'all' }));
    expect(Array.from(customerConsent(all.table, all.schema))).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(all.schema.roles.consent).toMatchObject({ mode: 'all', confidence: 'manifest' });
  });

  test.each([
    ['Разрешить сообщать', ['да', 'нет', 'да', 'да', 'нет', 'нет', 'да', 'нет']],
    ['согласие_на_рассылку', ['Да', 'Нет', 'да', 'ДА', 'нет', 'НЕТ', 'да', 'нет']],
    ['acepta_publicidad', ['sí', 'no', 'si', 'Sí', 'no', 'No', 'sí', 'no']],
    ['consentimento_marketing', ['sim', 'não', 'sim', 'Sim', 'nao', 'não', 'sim', 'Não']],
  ])('%s is read as consent in its own language', async (header, values) => {
    const { flags } = await consentOf(header, values);
    expect(flags).toEqual([true, false, true, true, false, false, true, false]);
  });

  test('the manifest names a column outside the vocabulary, with its own yes/no values', async () => {
    const { flags, loaded } = await consentOf('kontakt_ok', ['J', 'N', 'J', 'J', 'N', 'N', 'J', '?'], { consent: { column: 'kontakt_ok', yes: ['J'], no: ['N'] } });
    expect(flags).toEqual([true, false, true, true, false, false, true, false]);
    expect(loaded.schema.roles.consent.confidence).toBe('manifest');
  });

  test('a yes/no column that only looks like contact permission is kept out of features but not read as consent', async () => {
    const { flags, loaded } = await consentOf('marketing', cells);
    expect(flags.every((f) => !f)).toBe(true);
    expect(loaded.schema.roles.consent).toMatchObject({ mode: 'none', possible: ['marketing'] });
    expect([...loaded.schema.numeric, ...loaded.schema.boolean, ...loaded.schema.categorical]).not.toContain('marketing');
  });

  test('channel columns: a customer consents when any channel does, each channel recorded', async () => {
    const text = 'customer_id,email_opt_in,sms_opt_in,spend_monthly\n' +
      ['a,yes,no,10', 'b,no,yes,12', 'c,no,no,14', 'd,yes,yes,16', 'e,no,no,11', 'f,yes,no,13'].join('\n') + '\n';
    const loaded = await buildCustomerTable([bufferSource('c.csv', Buffer.from(text))]);
    expect(Array.from(customerConsent(loaded.table, loaded.schema))).toEqual([1, 1, 0, 1, 0, 1]);
    expect(loaded.schema.channelConsent!.map((c) => [c.column, c.channel])).toEqual([['email_opt_in', 'email'], ['sms_opt_in', 'sms']]);
  });
});
