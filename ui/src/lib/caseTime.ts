import { localDateTime } from './format';

/**
 * A UTC time shown in the case's time zone ("14 Mar 2026, 09:30"); the time as recorded
 * (`fallback`) when the zone is not one this system knows.
 */
export function inCaseZone(utc: string, zone: string, fallback = utc): string {
  try {
    return localDateTime(utc, 'en-GB', zone);
  } catch {
    return fallback;
  }
}

/** `2026-03-14T09:30:00+01:00` → `2026-03-14 09:30:00 +01:00` (and `…Z` → `… UTC`), easier to read. */
export function readableRecorded(recorded: string): string {
  return recorded.replace('T', ' ').replace(/Z$/, ' UTC').replace(/([+-]\d\d:\d\d)$/, ' $1');
}

/**
 * When a transfer happened, in the case's zone — or, when a statement gave only the day
 * (`date_only`), that day alone: "3 Mar 2026 (day only)", never an invented midnight.
 */
export function transferWhen(t: { occurred: { utc: string; recorded: string }; date_only: boolean }, zone: string): string {
  if (t.date_only) return `${dayOf(t.occurred.recorded)} (day only)`;
  return inCaseZone(t.occurred.utc, zone, readableRecorded(t.occurred.recorded));
}

/** A hop's time (as recorded) shown the same way. */
export function hopWhen(h: { occurred: string; date_only: boolean }, zone: string): string {
  if (h.date_only) return `${dayOf(h.occurred)} (day only)`;
  return inCaseZone(h.occurred, zone, readableRecorded(h.occurred));
}

/** The calendar day a recorded time (`2026-03-03T00:00:00+00:00`) names, as "3 Mar 2026". */
function dayOf(recorded: string): string {
  const day = recorded.slice(0, 10);
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}
