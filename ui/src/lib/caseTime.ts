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
