import { UploadPathError, parseUploadPath } from '../../../shared/pipeline/uploadPath';

/** Every way a blob name could escape its dataset folder or pass for another name is refused. */
describe('parseUploadPath', () => {
  const refused: [string, string, RegExp][] = [
    ['a traversal', '../customers.csv', /not inside a dataset folder/],
    ['a traversal inside the dataset', 'shop/../../results/x.csv', /not inside a dataset folder/],
    ['a "." segment', './customers.csv', /not inside a dataset folder/],
    ['a "." segment inside the dataset', 'shop/./customers.csv', /not inside a dataset folder/],
    ['an absolute path', '/etc/passwd', /not inside a dataset folder/],
    ['an empty segment', 'shop//customers.csv', /not inside a dataset folder/],
    ['a trailing slash', 'shop/', /not inside a dataset folder/],
    ['no folder', 'customers.csv', /not inside a dataset folder/],
    ['a backslash traversal', 'shop/..\\..\\x.csv', /backslash/],
    ['a Windows absolute path', 'C:\\data\\x.csv', /backslash/],
    ['NUL', 'shop\u0000/x.csv', /control/],
    ['a tab', 'sh\top/x.csv', /control/],
    ['a carriage return in the file', 'shop/x\r.csv', /control/],
    ['a line feed in the file', 'shop/x\n.csv', /control/],
    ['an escape sequence', '\u001b[31mshop/x.csv', /control/],
    ['DEL', 'shop/x\u007f.csv', /control/],
    ['a C1 control', 'shop/x\u0085.csv', /control/],
    ['an RTL override in the file', 'shop/\u202Evsc.exe.csv', /direction-changing/],
    ['a right-to-left isolate', 'shop/\u2067x.csv', /direction-changing/],
    ['a left-to-right mark', '\u200Eshop/x.csv', /direction-changing/],
    ['a zero-width space', 'sh\u200Bop/x.csv', /invisible/],
    ['a zero-width joiner', 'shop/x\u200D.csv', /invisible/],
    ['a byte-order mark', '\uFEFFshop/x.csv', /invisible/],
    ['a soft hyphen', 'sh\u00ADop/x.csv', /invisible/],
    ['a lone surrogate', 'shop/\ud800.csv', /invisible/],
    ['a non-character', 'shop/\uFFFE.csv', /invisible/],
    ['a Cyrillic look-alike', 'tеlco/x.csv', /U\+0435/],
    ['a Greek look-alike', 'shορ/x.csv', /U\+03BF/],
    ['a fullwidth look-alike', 'ｓhop/x.csv', /U\+FF53/],
    ['a dotless i', 'shıp/x.csv', /U\+0131/],
    ['an emoji', 'shop😀/x.csv', /U\+1F600/],
    ['a percent-encoded traversal', '%2e%2e/x.csv', /not a valid dataset name/],
    ['an encoded slash', 'a%2fb/x.csv', /not a valid dataset name/],
    ['a dataset of dots', '../x.csv', /not inside a dataset folder/],
    ['three dots', '.../x.csv', /not a valid dataset name/],
    ['a hidden folder', '.shop/x.csv', /not a valid dataset name/],
    ['the rejected folder', '_rejected/x.csv', /not a valid dataset name/],
    ['a space', 'my shop/x.csv', /not a valid dataset name/],
    ['64 characters', `${'a'.repeat(64)}/x.csv`, /not a valid dataset name/],
    ['over 1024 characters', `shop/${'x'.repeat(1100)}.csv`, /longer than 1024/],
  ];

  test.each(refused)('refuses %s', (_what, name, reason) => {
    let error: unknown;
    try {
      parseUploadPath(name);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UploadPathError);
    const { message, hint } = error as UploadPathError;
    expect(message).toMatch(reason);
    expect(hint.length).toBeGreaterThan(10);
    // The message echoes the name escaped and cut short, so it prints safely anywhere.
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
    expect(message.length).toBeLessThan(400);
  });

  test.each([
    ['shop/customers.csv', 'shop', 'customers.csv'],
    ['Shop.Upper/Customers.CSV', 'shop.upper', 'Customers.CSV'],
    ['telco-churn_2024/sub/folder/data.xlsx', 'telco-churn_2024', 'sub/folder/data.xlsx'],
    ['one-click/Клиенты маркета.csv', 'one-click', 'Клиенты маркета.csv'],
    ['shop/.hidden.csv', 'shop', '.hidden.csv'],
    [`${'a'.repeat(63)}/x.csv`, 'a'.repeat(63), 'x.csv'],
  ])('accepts %s', (name, dataset, file) => {
    expect(parseUploadPath(name)).toEqual({ dataset, file, blobName: name });
  });
});
