/**
 * «В один клик» (`one-click-market` in the shared data): a customer table, two long tables by period
 * and the profit table, joined on `id`. The manifest is the one README.md gives for this data.
 */
export function oneClickManifestFiles(moneyFile = 'money.csv') {
  return [
    { name: 'market_file.csv', role: 'customers' },
    { name: 'market_money.csv', role: 'long', period: 'Период', value: 'Выручка' },
    { name: 'market_time.csv', role: 'long', period: 'Период', value: 'минут' },
    { name: moneyFile, role: 'customers' },
  ];
}

export const oneClickManifest = {
  files: oneClickManifestFiles(),
  id: 'id', target: 'Покупательская активность', positive: 'Снизилась', consent: 'Разрешить сообщать', language: 'ru', value: 'Прибыль',
};
