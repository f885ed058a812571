import { xmlElements } from './xlsxXmlText';

export interface XlsxWorkbook {
  /** The worksheets in the workbook's order (its tabs), each with the archive part that holds it. */
  sheets: { name: string; part: string }[];
  sharedStringsPart: string | undefined;
  stylesPart: string | undefined;
  /** Serial numbers count days from 1904-01-01 instead of 1900-01-01 (old Mac workbooks). */
  date1904: boolean;
}

const relationKind = /\/(worksheet|sharedStrings|styles)$/;

/**
 * What xl/workbook.xml and its relationships (xl/_rels/workbook.xml.rels) say: the sheets by name in
 * tab order and where each is stored, where the shared strings and styles are, and the date system.
 * Chart sheets and other non-worksheet tabs are left out: they hold no cells.
 */
export function xlsxWorkbook(workbookXml: string, relsXml: string, workbookPart = 'xl/workbook.xml'): XlsxWorkbook {
  const base = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const targets = new Map<string, { kind: string; part: string }>();
  for (const { attributes } of xmlElements(relsXml, 'Relationship')) {
    const id = attributes.get('Id');
    const target = attributes.get('Target');
    const kind = relationKind.exec(attributes.get('Type') ?? '')?.[1];
    if (id === undefined || target === undefined || kind === undefined || attributes.get('TargetMode') === 'External') continue;
    targets.set(id, { kind, part: resolvePart(base, target) });
  }
  const sheets: { name: string; part: string }[] = [];
  for (const { attributes } of xmlElements(workbookXml, 'sheet')) {
    const target = targets.get(attributes.get('id') ?? '');
    if (target?.kind === 'worksheet') sheets.push({ name: attributes.get('name') ?? '', part: target.part });
  }
  const of = (kind: string): string | undefined => [...targets.values()].find((t) => t.kind === kind)?.part;
  const properties = xmlElements(workbookXml, 'workbookPr').next().value?.attributes;
  const date1904 = properties?.get('date1904');
  return {
    sheets,
    sharedStringsPart: of('sharedStrings'),
    stylesPart: of('styles'),
    date1904: date1904 === '1' || date1904 === 'true',
  };
}

/** A relationship's target as a part name: relative to the workbook's folder unless it starts with "/". */
function resolvePart(base: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}
