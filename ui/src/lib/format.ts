// Small display helpers.
import type { CaseStatus } from './api';

export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Gathering evidence',
  reported: 'Reported',
  in_recovery: 'Recovery in progress',
  closed: 'Closed',
};

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
