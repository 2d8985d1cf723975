import { afterEach, describe, expect, it, vi } from 'vitest';
import { currencyOf, regionOf, systemDefaults, systemTimeZone } from './systemDefaults';

afterEach(() => vi.restoreAllMocks());

describe('currencyOf', () => {
  it.each([
    ['en-GB', 'GBP'],
    ['en-US', 'USD'],
    ['en', 'USD'],
    ['de', 'EUR'],
    ['de-AT', 'EUR'],
    ['fr-CH', 'CHF'],
    ['nl-NL', 'EUR'],
    ['pl', 'PLN'],
    ['sv-SE', 'SEK'],
    ['en-CA', 'CAD'],
    ['en-AU', 'AUD'],
    ['en-NZ', 'NZD'],
    ['en-SG', 'SGD'],
    ['zh-HK', 'HKD'],
    ['ja', 'JPY'],
    ['ko-KR', 'KRW'],
    ['zh-CN', 'CNY'],
    ['zh-Hant', 'TWD'],
    ['th', 'THB'],
    ['ms', 'MYR'],
    ['fil', 'PHP'],
    ['id', 'IDR'],
    ['vi', 'VND'],
    ['hi-IN', 'INR'],
    ['ar-AE', 'AED'],
    ['en-ZA', 'ZAR'],
    ['pt-BR', 'BRL'],
    ['es-MX', 'MXN'],
  ])('%s → %s', (locale, currency) => {
    expect(currencyOf(locale)).toBe(currency);
  });

  it('falls back to EUR for a region it does not know and for a tag it cannot read', () => {
    expect(currencyOf('en-AQ')).toBe('EUR');
    expect(currencyOf('')).toBe('EUR');
    expect(currencyOf('not a locale!')).toBe('EUR');
    expect(regionOf('')).toBeNull();
  });
});

describe('systemDefaults', () => {
  it('takes the zone the system reports and the currency of its language', () => {
    expect(systemDefaults('en-GB', 'Europe/London')).toEqual({ time_zone: 'Europe/London', reporting_currency: 'GBP' });
    expect(systemDefaults('th-TH', 'Asia/Bangkok')).toEqual({ time_zone: 'Asia/Bangkok', reporting_currency: 'THB' });
  });

  it('reads the zone from Intl, and starts in UTC when the system names none', () => {
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({
      ...new Intl.DateTimeFormat('en').resolvedOptions(),
      timeZone: 'Asia/Hong_Kong',
    });
    expect(systemTimeZone()).toBe('Asia/Hong_Kong');
    expect(systemDefaults('zh-HK').time_zone).toBe('Asia/Hong_Kong');
    expect(systemDefaults('en-GB', null)).toEqual({ time_zone: 'UTC', reporting_currency: 'GBP' });
  });
});
