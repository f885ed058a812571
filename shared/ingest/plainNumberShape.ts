/** separatorKind's answers: 0 none, then what a cell's "," or "." says about the decimal mark. */
export const ambiguous = 1, commaDecimal = 2, dotDecimal = 3;
/** Flag in plainNumberShape's answer: the cell is written as a whole number ("42", "007", "+5", "15291.0"). */
export const wholeShape = 4;
const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** The number the last plainNumberShape call read, beside its answer (a second return value without an object per cell). */
export const plainNumber = { value: NaN };

/**
 * One scan of a cell written as a plain number ("-12.5", "3", ".5", "1e5": what parseNumberText reads
 * with Number, whatever the decimal mark), so the usual cell needs no regular expression: -1 when it
 * is not one or has spaces around it, else its separatorKind, plus `wholeShape`; the value goes to
 * plainNumber.value. Up to 15 digits, digits ÷ a power of ten is exact in both operands, so the one
 * rounding is the division's: the same double Number gives (the usual fast path of decimal conversion).
 */
export function plainNumberShape(text: string): number {
  const length = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) c = text.charCodeAt(++i);
  const intStart = i;
  let mantissa = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    c = text.charCodeAt(++i);
  }
  const intDigits = i - intStart;
  let dot = -1, fractionDigits = 0, fractionZeros = true;
  if (c === 46) {
    dot = i;
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      if (c !== 48) fractionZeros = false;
      mantissa = mantissa * 10 + (c - 48);
      fractionDigits++;
      c = text.charCodeAt(++i);
    }
  }
  if (intDigits === 0 && fractionDigits === 0) return -1;
  let exponent = false;
  if (c === 69 || c === 101) {
    exponent = true;
    c = text.charCodeAt(++i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    const expStart = i;
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    if (i === expStart) return -1;
  }
  if (i !== length) return -1;
  if (exponent || intDigits + fractionDigits > 15) plainNumber.value = Number(text);
  else {
    const v = mantissa / powersOfTen[fractionDigits]!;
    plainNumber.value = negative ? -v : v;
  }
  const whole = !exponent && intDigits > 0 && fractionZeros ? wholeShape : 0;
  if (dot < 0) return whole;
  // As separatorKind: three characters after the point, and at most three digits before it, is ambiguous.
  if (length - dot - 1 !== 3 || dot - intStart > 3) return whole | dotDecimal;
  return whole | ambiguous;
}

/**
 * plainNumberShape over a cell's UTF-8 bytes: the same answer and plainNumber.value, or -1 also when
 * the text decides more (an exponent or more than 15 digits, read by Number; a whole number that
 * String(value) may not write back, such as "007" or "+5" or "15291.0"). Only an `ambiguous` answer
 * ("1.234") needs the caller to decode the cell, whose text is kept for the column's decimal mark.
 * Reading digits from the bytes spares decoding a string per number cell, the most common cell of
 * all. The scan stops at the first byte that cannot continue a number, without a bounds test: a cell
 * ends at a delimiter or line end, and a scan that runs past `end` (a digit as delimiter) answers -1.
 */
export function plainNumberShapeOfBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = bytes[i]!;
  const negative = c === 45;
  if (negative || c === 43) c = bytes[++i]!;
  const intStart = i;
  let mantissa = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    c = bytes[++i]!;
  }
  const intDigits = i - intStart;
  let dot = -1, fractionDigits = 0, fractionZeros = true;
  if (c === 46) {
    dot = i;
    c = bytes[++i]!;
    while (c >= 48 && c <= 57) {
      if (c !== 48) fractionZeros = false;
      mantissa = mantissa * 10 + (c - 48);
      fractionDigits++;
      c = bytes[++i]!;
    }
  }
  if (i !== end || (intDigits === 0 && fractionDigits === 0) || intDigits + fractionDigits > 15) return -1;
  const v = mantissa / powersOfTen[fractionDigits]!;
  plainNumber.value = negative ? -v : v;
  const length = end - start;
  if (intDigits > 0 && fractionZeros) {
    // mayNotWriteBack's test, on a cell that has no spaces and at most 15 digits.
    const first = bytes[start]!;
    if ((first === 48 && length > 1) || first === 43 || length > 15 || (bytes[end - 1] === 48 && dot >= 0)) return -1;
    if (dot < 0) return wholeShape;
    if (end - dot - 1 !== 3 || dot - intStart > 3) return wholeShape | dotDecimal;
    return -1;
  }
  if (dot < 0) return 0;
  if (end - dot - 1 !== 3 || dot - intStart > 3) return dotDecimal;
  return ambiguous;
}
