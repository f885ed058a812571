import { classifyFeature, describeFeature } from '../../../shared/messaging/describeFeature';

describe('describeFeature', () => {
  it('turns known feature names into natural phrases in each language', () => {
    expect(describeFeature('days_since_last_order', 'en')).toBe('time since your last order');
    expect(describeFeature('DaySinceLastOrder', 'es')).toBe('el tiempo desde tu último pedido');
    expect(describeFeature('Маркет_актив_6_мес', 'ru')).toBe('частота наших рассылок');
    expect(describeFeature('Маркет_актив_6_мес', 'en')).toBe('how often we get in touch');
    expect(describeFeature('Tenure', 'pt')).toBe('o tempo que você está conosco');
    expect(describeFeature('Акционные_покупки', 'en')).toBe('deals and promotions');
  });

  it('falls back to a readable form of unknown names', () => {
    expect(describeFeature('WarehouseToHome', 'en')).toBe('warehouse to home');
    expect(describeFeature('avg_widgets_6_mo', 'en')).toBe('average widgets 6 months');
    expect(describeFeature('Число_устройств_тек_мес', 'ru')).toBe('число устройств текущий месяц');
    expect(describeFeature('Средний_чек_тек_мес', 'ru')).toBe('ваши покупки у нас');
    expect(describeFeature('InternetService=Fiber optic', 'en')).toBe('internet service: Fiber optic');
  });

  it('knows which side of a feature goes with leaving', () => {
    expect(classifyFeature('days_since_last_order')).toMatchObject({ theme: 'recency', riskySide: 'high' });
    expect(classifyFeature('Tenure')).toMatchObject({ theme: 'tenure', riskySide: 'low' });
    expect(classifyFeature('Contract=Month-to-month')).toMatchObject({ theme: 'contract', riskySide: 'high', column: 'Contract' });
    expect(classifyFeature('Contract=Two year')).toMatchObject({ theme: 'contract', riskySide: 'low' });
    expect(classifyFeature('HourSpendOnApp').theme).toBe('engagement');
    expect(classifyFeature('CashbackAmount').theme).toBe('promo');
    expect(classifyFeature('Средний_просмотр_категорий_за_визит').theme).toBe('engagement');
  });
});
