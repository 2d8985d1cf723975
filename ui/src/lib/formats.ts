// The person's formats (date order, decimal mark): taken from the system the first time the
// case file is opened, kept in the encrypted store, changed in Settings. Reading what is typed
// by them is core's job (`api.readTime`, `api.readAmount`); this module only finds the system's
// formats and makes sure they are set once.
import { api, type DateOrder, type DecimalMark, type Formats } from './api';

/** The date order and decimal mark the system (the webview's language) uses. */
export function systemFormats(locale?: string): Formats {
  let date_order: DateOrder = 'dmy';
  let decimal_mark: DecimalMark = 'point';
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(2026, 2, 14))
      .map((p) => p.type)
      .filter((t) => t === 'year' || t === 'month' || t === 'day');
    const order = parts.map((t) => t[0]).join('');
    if (order === 'mdy') date_order = 'mdy';
    else if (order === 'ymd') date_order = 'ymd';
    const decimal = new Intl.NumberFormat(locale).formatToParts(1234.5).find((p) => p.type === 'decimal');
    if (decimal?.value === ',') decimal_mark = 'comma';
  } catch {
    // An unknown locale: the defaults above.
  }
  return { date_order, decimal_mark };
}

/** The formats in the store; the first time, the system's are saved there and returned. */
export async function ensureFormats(locale?: string): Promise<Formats> {
  const stored = await api.getFormats();
  if (stored) return stored;
  return api.setFormats(systemFormats(locale));
}
