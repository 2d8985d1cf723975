// Where a new case starts: in this computer's time zone and in the currency of the region its
// language names (en-GB → GBP, de-AT → EUR). Core checks both when the case is made; these are
// only the first guess, changed in the case's details like any other.
import type { NewCase } from './api';

/** The currency used where nothing better is known. */
export const FALLBACK_CURRENCY = 'EUR';

const EURO = ['AT', 'BE', 'BG', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'];

/** Region (ISO 3166) → the currency people there are paid in (ISO 4217). */
const CURRENCY_OF_REGION: Record<string, string> = {
  ...Object.fromEntries(EURO.map((r) => [r, 'EUR'])),
  CZ: 'CZK', DK: 'DKK', HU: 'HUF', PL: 'PLN', RO: 'RON', SE: 'SEK',
  GB: 'GBP', NO: 'NOK', IS: 'ISK', CH: 'CHF', LI: 'CHF',
  US: 'USD', CA: 'CAD', MX: 'MXN', BR: 'BRL',
  AU: 'AUD', NZ: 'NZD',
  SG: 'SGD', HK: 'HKD', JP: 'JPY', KR: 'KRW', CN: 'CNY', TW: 'TWD',
  TH: 'THB', MY: 'MYR', PH: 'PHP', ID: 'IDR', VN: 'VND', IN: 'INR',
  AE: 'AED', ZA: 'ZAR',
};

/** The region a language tag points to ("en-GB" → GB, "de" → DE, "zh-Hant" → TW), or null. */
export function regionOf(locale: string): string | null {
  try {
    return new Intl.Locale(locale).maximize().region ?? null;
  } catch {
    return null;
  }
}

/** The currency of the region a language tag points to, or EUR when it is not known. */
export function currencyOf(locale: string): string {
  const region = regionOf(locale);
  return (region && CURRENCY_OF_REGION[region]) || FALLBACK_CURRENCY;
}

/** This computer's time zone (`Europe/London`), or null when the system does not say. */
export function systemTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** This computer's language (`en-GB`). */
export function systemLocale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || Intl.DateTimeFormat().resolvedOptions().locale;
}

/** What a new case starts with on this computer. */
export function systemDefaults(locale: string = systemLocale(), zone: string | null = systemTimeZone()): NewCase {
  return { time_zone: zone ?? 'UTC', reporting_currency: currencyOf(locale) };
}
