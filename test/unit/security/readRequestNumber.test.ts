import { readRequestNumber } from '../../../shared/api/readRequestNumber';

describe('numbers sent to the API are read as uploaded files are, never guessed', () => {
  test.each([
    [42, 42],
    ['42', 42],
    [' 12.5 ', 12.5],
    ['1,000', 1000],
    ['1,250.50', 1250.5],
    ['-3', -3],
    ['1e3', 1000],
  ])('%p reads as %p', (input, expected) => {
    expect(readRequestNumber(input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['0x3E8', /hex/],
    ['0b101', /hex, octal or binary/],
    [true, /true\/false/],
    [false, /true\/false/],
    ['1,5', /decimal comma/],
    ['1e308', /not a plausible value/],
    [1e308, /not a plausible value/],
    ['Infinity', /not a number/],
    [Number.POSITIVE_INFINITY, /not a finite number/],
    ['12 euros', /not a number/],
    [{}, /not a number/],
  ])('%p is refused', (input, reason) => {
    const read = readRequestNumber(input);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(reason);
  });
});
