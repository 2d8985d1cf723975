// Small display helpers.
import type { Choice } from './api';

/**
 * The label core gives a value of one of its lists (`lists.statuses`, `lists.methods`, …).
 * Labels are never typed here: they come with the reference lists. A value missing from the
 * list (never the case with lists from core) is shown as it is rather than as nothing.
 */
export function labelOf<T extends string>(choices: readonly Choice<T>[], value: T): string {
  return choices.find((c) => c.value === value)?.label ?? value;
}

/** "3 items", "1 item", "No items yet". */
export function itemCount(n: number): string {
  if (n === 0) return 'No items yet';
  return n === 1 ? '1 item' : `${n} items`;
}

/** A UTC RFC 3339 time shown in the reader's local time, e.g. "25 Nov 2026, 14:03". */
export function localDateTime(utc: string, locale?: string, timeZone?: string): string {
  const d = new Date(utc);
  if (Number.isNaN(d.getTime())) return utc;
  return new Intl.DateTimeFormat(locale ?? 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(d);
}

/**
 * Text from a file or another person, made safe to show: control characters and the invisible
 * characters that reverse text direction are shown as escapes (`\u{202e}`), so a file named
 * `invoice\u{202e}gnp.exe` is never displayed as `invoiceexe.png`. The stored value is unchanged.
 */
export function visible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}
