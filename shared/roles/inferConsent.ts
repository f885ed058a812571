import type { Manifest } from '../ingest/manifestSchema';
import type { ConsentColumn } from '../ingest/Schema';
import type { Column, Table } from '../ingest/Table';
import { consentChannel, consentNameMatch, noValues, readYesNo, yesValues } from './consentVocabulary';
import type { ConsentDecision } from './DatasetRoles';

export interface ConsentRoles {
  decision: ConsentDecision;
  consent: ConsentColumn | null;
  consentAll: boolean;
  channelConsent: ConsentColumn[];
  /** Every column read as consent or suspected of it: none of them may become a feature. */
  columns: string[];
}

/**
 * Whether each customer may be messaged, read so that a mistake never means an unwanted message:
 * opt-in and opt-out / do-not-contact columns (inverted) by name in en/es/ru/pt, cells read as yes/no
 * from a known vocabulary, an unreadable cell = no consent, no consent column = nobody consents
 * unless the manifest says `"consent": "all"`.
 */
export function inferConsent(table: Table, manifest: Pick<Manifest, 'consent'> | undefined, taken: ReadonlySet<string>): ConsentRoles {
  const declared = manifest?.consent;
  const override = '"consent": "<column>" (or {"column", "yes": [...], "no": [...]}, or "all")';
  if (declared === 'all') {
    return {
      decision: { column: null, mode: 'all', evidence: 'manifest.json declares that every customer has consented ("consent": "all").', confidence: 'manifest', override },
      consent: null, consentAll: true, channelConsent: [], columns: [],
    };
  }
  const candidates: { column: Column; polarity: 'opt-in' | 'opt-out'; strength: 'clear' | 'weak' | 'manifest'; yes?: string[]; no?: string[]; channel?: 'email' | 'sms' | 'push' }[] = [];
  if (declared !== undefined) {
    const spec = typeof declared === 'string' ? { column: declared } : declared;
    const column = table.columns.find((c) => c.name === spec.column)!;
    const named = consentNameMatch(spec.column);
    candidates.push({
      column,
      polarity: spec.yes || spec.no ? 'opt-in' : (named?.polarity ?? 'opt-in'),
      strength: 'manifest',
      yes: spec.yes?.map(lower),
      no: spec.no?.map(lower),
      channel: spec.channel ?? consentChannel(spec.column),
    });
  } else {
    for (const column of table.columns) {
      if (taken.has(column.name)) continue;
      const match = consentNameMatch(column.name);
      if (!match) continue;
      // A clearly named column is consent whatever its cells hold (unreadable ones mean no); a weakly
      // named one only when it holds yes/no answers.
      if (match.strength === 'weak' && readableShare(column, table.rowCount) < 0.95) continue;
      candidates.push({ column, polarity: match.polarity, strength: match.strength, channel: consentChannel(column.name) });
    }
  }
  const clear = candidates.filter((c) => c.strength !== 'weak');
  const possible = candidates.filter((c) => c.strength === 'weak').map((c) => c.column.name);
  // One consent column is the consent, whatever channel its name mentions; several: the general one, channels beside it.
  const general = clear.find((c) => c.channel === undefined) ?? (clear.length === 1 ? clear[0] : undefined);
  const channels = clear.filter((c) => c !== general && c.channel !== undefined);
  const toConsentColumn = (c: (typeof candidates)[number]): ConsentColumn => {
    const polarityYes = c.yes ?? [...yesValues];
    const polarityNo = c.no ?? [...noValues];
    // An opt-out column's "yes" means "do not contact": consent is its "no".
    const flip = c.polarity === 'opt-out' && !c.yes && !c.no;
    return { column: c.column.name, polarity: c.polarity, yes: flip ? polarityNo : polarityYes, no: flip ? polarityYes : polarityNo, ...(c.channel ? { channel: c.channel } : {}) };
  };
  const consent = general ? toConsentColumn(general) : null;
  const channelConsent = channels.map(toConsentColumn);
  const columns = candidates.map((c) => c.column.name);

  const possibleNote = possible.length
    ? ` ${possible.map((p) => `"${p}"`).join(', ')} may be contact permission (${possible.length > 1 ? 'they are' : 'it is'} yes/no and named like marketing or contact) but ${possible.length > 1 ? 'are' : 'is'} not read as consent; ${possible.length > 1 ? 'they are' : 'it is'} kept out of the features. Name ${possible.length > 1 ? 'one' : 'it'} in manifest.json "consent" if it is.`
    : '';
  if (!consent && channelConsent.length === 0) {
    return {
      decision: {
        column: null, mode: 'none', confidence: 'none', override,
        evidence: `No consent column was found, so no customer is taken to have consented and no message will be written.${possibleNote}`,
        ...(possible.length ? { possible } : {}),
      },
      consent: null, consentAll: false, channelConsent: [], columns,
    };
  }
  const counted = consent ? countConsent(table, consent) : undefined;
  const source = general ?? channels[0]!;
  const how = source.strength === 'manifest' ? 'named in manifest.json' : `its name reads as ${source.polarity === 'opt-out' ? 'an opt-out (do-not-contact) column, so "yes" means no consent' : 'an opt-in'}`;
  const evidence = consent
    ? `"${consent.column}": ${how}; ${counted!.consenting} customers consent, ${counted!.notConsenting} do not` +
      (counted!.unreadable ? `, ${counted!.unreadable} cells could not be read as yes or no (${counted!.unreadableValues.map((v) => JSON.stringify(v)).join(', ')}) and count as no consent` : '') +
      '.' + (channelConsent.length ? ` Channel columns: ${channelConsent.map((c) => `"${c.column}" (${c.channel})`).join(', ')}.` : '') + possibleNote
    : `Only channel consent columns: ${channelConsent.map((c) => `"${c.column}" (${c.channel})`).join(', ')}; a customer consents when any channel does.${possibleNote}`;
  return {
    decision: {
      column: consent?.column ?? null, mode: 'column', override, evidence,
      confidence: source.strength === 'manifest' ? 'manifest' : counted && counted.unreadable > 0.2 * table.rowCount ? 'low' : 'high',
      polarity: (consent ?? channelConsent[0]!).polarity,
      ...(counted ? { consenting: counted.consenting, notConsenting: counted.notConsenting, unreadable: counted.unreadable } : {}),
      ...(counted?.unreadableValues.length ? { unreadableValues: counted.unreadableValues } : {}),
      ...(channelConsent.length
        ? { channels: channelConsent.map((c) => ({ column: c.column, channel: c.channel!, polarity: c.polarity, consenting: countConsent(table, c).consenting })) }
        : {}),
      ...(possible.length ? { possible } : {}),
    },
    consent, consentAll: false, channelConsent, columns,
  };
}

/** Per row: 1 when the customer consents under this column, 0 otherwise (no, unreadable, missing). */
export function consentFlags(column: Column, consent: ConsentColumn): Uint8Array {
  const yes = new Set(consent.yes), no = new Set(consent.no);
  const out = new Uint8Array(column.values.length);
  for (let i = 0; i < out.length; i++) out[i] = readYesNo(column.values[i] as string | number | null, yes, no) === 1 ? 1 : 0;
  return out;
}

function countConsent(table: Table, consent: ConsentColumn): { consenting: number; notConsenting: number; unreadable: number; unreadableValues: string[] } {
  const column = table.columns.find((c) => c.name === consent.column)!;
  const yes = new Set(consent.yes), no = new Set(consent.no);
  let consenting = 0, notConsenting = 0, unreadable = 0;
  const odd = new Set<string>();
  for (let i = 0; i < table.rowCount; i++) {
    const cell = column.values[i] as string | number | null;
    const v = readYesNo(cell, yes, no);
    if (v === 1) consenting++;
    else if (v === 0) notConsenting++;
    else {
      unreadable++;
      if (odd.size < 10) odd.add(cell === null || (typeof cell === 'number' && Number.isNaN(cell)) ? '' : String(cell));
    }
  }
  return { consenting, notConsenting, unreadable, unreadableValues: [...odd] };
}

function readableShare(column: Column, n: number): number {
  if (n === 0) return 0;
  let readable = 0, present = 0;
  for (let i = 0; i < n; i++) {
    const cell = column.values[i] as string | number | null;
    if (cell === null || (typeof cell === 'number' && Number.isNaN(cell))) continue;
    present++;
    if (!Number.isNaN(readYesNo(cell))) readable++;
  }
  return present ? readable / present : 0;
}

function lower(v: string): string {
  return v.trim().toLowerCase();
}
