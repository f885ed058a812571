import { callLedgerPath, staleCallLedgers } from '../../../shared/api/messageCallLedger';

describe('staleCallLedgers', () => {
  const now = new Date('2026-03-10T00:30:00Z');

  test("removes the ledgers of days before yesterday and keeps today's and yesterday's", () => {
    const names = ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11'].map(callLedgerPath);
    expect(staleCallLedgers(names, now)).toEqual([callLedgerPath('2026-03-07'), callLedgerPath('2026-03-08')]);
  });

  test('touches nothing that is not a ledger, even one named like a day', () => {
    const names = ['telco/2026-01-01.json', '_messaging/budget/2026-01-01.json.bak', '_messaging/budget/notes.json', '_messaging/2026-01-01.json'];
    expect(staleCallLedgers(names, now)).toEqual([]);
  });
});
