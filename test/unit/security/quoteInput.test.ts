import { quoteInput } from '../../../shared/http/quoteInput';

describe('quoteInput', () => {
  test('quotes plain values as they are', () => {
    expect(quoteInput('telco')).toBe('"telco"');
    expect(quoteInput('tеlco')).toBe('"tеlco"');
    expect(quoteInput('shop😀')).toBe('"shop😀"');
    expect(quoteInput(42)).toBe('"42"');
  });

  test('escapes controls, direction marks, BOMs and lone surrogates, and the quote itself', () => {
    expect(quoteInput('a\u0000b\nc')).toBe('"a\\u0000b\\u000ac"');
    expect(quoteInput('\u202Eabc')).toBe('"\\u202eabc"');
    expect(quoteInput('\uFEFFx\u200F')).toBe('"\\ufeffx\\u200f"');
    expect(quoteInput('\ud800x')).toBe('"\\ud800x"');
    expect(quoteInput('say "hi"')).toBe('"say \\"hi\\""');
  });

  test('cuts long values short and says how long they were', () => {
    const out = quoteInput('a'.repeat(5000));
    expect(out).toBe(`"${'a'.repeat(60)}…" (5000 characters)`);
    // Cut on code points, never inside an emoji.
    expect(quoteInput('😀'.repeat(10), 3)).toBe('"😀😀😀…" (10 characters)');
  });
});
