/** How an SMS is billed: its encoding, its length in that encoding's units and the parts it is sent in. */
export interface SmsMeasure {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2. */
  units: number;
  parts: number;
}

// The GSM 03.38 basic character set; anything outside it and its extension table forces UCS-2.
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('^{}\\[~]|€\f');

/** GSM-7: 160 septets in one part, 153 per part when concatenated; UCS-2: 70 and 67. */
export function measureSms(text: string): SmsMeasure {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (gsmBasic.has(ch)) septets += 1;
    else if (gsmExtension.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units: septets, parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'UCS-2', units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Units that fit in `parts` parts of an encoding. */
export function smsCapacity(encoding: SmsMeasure['encoding'], parts: number): number {
  if (encoding === 'GSM-7') return parts <= 1 ? 160 : 153 * parts;
  return parts <= 1 ? 70 : 67 * parts;
}
