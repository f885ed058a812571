import { findPersonalData, looksPersonalValue } from '../../../shared/messaging/findPersonalData';
import { isPersonalField } from '../../../shared/messaging/isPersonalField';

describe('isPersonalField', () => {
  it.each([
    'name', 'first_name', 'LastName', 'Full Name', 'customerID', 'CustomerID', 'Customer ID', 'id', 'row_id', 'email', 'E-mail',
    'Phone', 'mobile_number', 'Телефон', 'Фамилия', 'Имя', 'ФИО', 'Адрес доставки', 'Почта', 'nombre', 'correo', 'teléfono',
    'endereço', 'cpf', 'date_of_birth', 'DOB', 'ip_address', 'street', 'zip', 'iban', 'passport_number', 'latitude',
  ])('flags %s', (column) => {
    expect(isPersonalField(column)).toBe(true);
  });

  it.each([
    'Tenure', 'PreferredLoginDevice', 'CityTier', 'NumberOfAddress', 'Маркет_актив_6_мес', 'Популярная_категория', 'MonthlyCharges',
    'days_since_last_order', 'Contract', 'SatisfactionScore', 'PreferedOrderCat', 'Ошибка_сервиса', 'segment_name', 'paid_orders',
  ])('keeps the feature %s', (column) => {
    expect(isPersonalField(column)).toBe(false);
  });
});

describe('findPersonalData', () => {
  it('finds emails, phone numbers, card numbers and IBANs', () => {
    const kinds = (t: string) => findPersonalData(t).map((f) => f.kind);
    expect(kinds('write to ann.lee+promo@example.co.uk today')).toEqual(['email']);
    expect(kinds('call +7 (916) 123-45-67')).toEqual(['phone']);
    expect(kinds('card 4111 1111 1111 1111')).toEqual(['card']);
    expect(kinds('IBAN DE89 3704 0044 0532 0130 00')).toContain('iban');
  });

  it('leaves ordinary numbers, prices and dates alone', () => {
    expect(findPersonalData('Save 15% on orders over 2 500.00 until 2026-12-31, 3 items left')).toEqual([]);
    expect(findPersonalData('Выручка 106862.2 за 3 месяца')).toEqual([]);
  });

  it('finds the customer\'s own values as whole words only', () => {
    expect(findPersonalData('Hi Ann, welcome back', { known: ['Ann'] })).toEqual([{ kind: 'known', match: 'Ann' }]);
    expect(findPersonalData('We announce news', { known: ['Ann'] })).toEqual([]);
    expect(findPersonalData('Привет, Кузнецова!', { known: ['кузнецова'] })).toHaveLength(1);
  });

  it('allows what the offer itself says', () => {
    expect(findPersonalData('Call our hotline 0800 123 4567', { allowed: ['Hotline: 0800 123 4567'] })).toEqual([]);
  });

  it('judges single cell values', () => {
    expect(looksPersonalValue('ann@example.com')).toBe(true);
    expect(looksPersonalValue(79161234567)).toBe(true);
    expect(looksPersonalValue(5025.7)).toBe(false);
    expect(looksPersonalValue('Fiber optic')).toBe(false);
  });
});
