import { isRunId, isRunInstanceId } from '../../../shared/api/isRunInstanceId';

describe('isRunInstanceId', () => {
  test.each(['0123456789abcdef', 'messages-0123456789abcdef-spring-sms', 'messages-0123456789abcdef-a.b_c-1'])('accepts %s', (id) => {
    expect(isRunInstanceId(id)).toBe(true);
  });

  test.each([
    '',
    'not-a-run',
    '0123456789ABCDEF',
    '0123456789abcde',
    '0123456789abcdef0',
    '..',
    '...',
    '0123456789abcdef\u0000',
    '0123456789аbcdef',
    'messages-0123456789abcdef-',
    'messages-0123456789abcdef-../x',
    'messages-0123456789abcdef-' + 'a'.repeat(65),
    'a'.repeat(5000),
  ])('refuses %j', (id) => {
    expect(isRunInstanceId(id)).toBe(false);
  });

  test('a result link takes only a pipeline run id', () => {
    expect(isRunId('0123456789abcdef')).toBe(true);
    expect(isRunId('messages-0123456789abcdef-x')).toBe(false);
  });
});
