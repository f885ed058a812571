import { normalizeName } from './columnVocabulary';

/**
 * Names that say "identifier" in the languages customers' files come in: whole names (id, customer_id,
 * KundenNr, ACCT_KEY, номер_клиента, id_cliente…) and endings (…_id, …Nr, …_no, …_key, …_code, …number).
 */
const whole = new Set(
  [
    'id', 'customerid', 'clientid', 'userid', 'accountid', 'memberid', 'custid', 'customerno', 'customernumber', 'customercode', 'customerkey',
    'clientcode', 'clientnumber', 'accountnumber', 'accountno', 'acctkey', 'acctid', 'acctno', 'kundennr', 'kundennummer', 'kundenid', 'kdnr',
    'idcliente', 'clienteid', 'codcliente', 'codigocliente', 'numerocliente', 'númerocliente', 'nrocliente', 'idusuario', 'codigo', 'código',
    'ид', 'идентификатор', 'idклиента', 'кодклиента', 'номерклиента', 'номер', 'клиент', 'sessionid', 'session', 'uuid', 'guid', 'key',
  ].map(normalizeName),
);
const endings = /(?:^|[\s_.\-])(?:id|nr|no|num|key|code|number|nummer|número|numero|номер|код|ид)$|[a-zа-я](?:ID|Id|Nr|No|Key|Code|Number)$|^(?:id|nr|код|номер)[\s_.\-]/;

export function isIdentifierName(name: string): boolean {
  const raw = name.trim();
  if (/^unnamed: \d+$/i.test(raw)) return false;
  return whole.has(normalizeName(raw)) || endings.test(raw) || /^id[\s_.\-]/i.test(raw);
}
